"""Site-wide pages: the index, search index, sitemap, 404 page and assets."""
