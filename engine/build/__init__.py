"""The build: jobs and their inputs, running them per article, workers, manifest, atomic writes."""
