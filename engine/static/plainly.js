/* Plainly: remembers who the reader is, opens word definitions, searches the index.
   Every page works without this script, through ordinary links; it only adds comfort.
   No requests: the search index is a local script the index page loads before this one. */
(function () {
  "use strict";

  var KEY = "plainly.audience";

  // Storage can be switched off or full; the site must still work then.
  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null;
    }
  }

  function remember(name) {
    try {
      window.localStorage.setItem(KEY, name);
    } catch (error) {
      /* the choice simply is not remembered */
    }
  }

  /* --- who is reading ------------------------------------------------------------------ */

  function chooserLink(name) {
    return document.querySelector('[data-chooser] a[data-audience="' + name + '"]');
  }

  // The choice is the reader's: it changes on the chooser or with a "change" control, never
  // because a page was opened (a shared link to the clinician page must not capture a patient).
  function applyChoice() {
    var current = stored();
    var chooser = document.querySelector("[data-chooser]");
    if (chooser && current) {
      var match = chooserLink(current);
      if (match) {
        match.setAttribute("aria-current", "true");
        // "#choose" is where the change links point: the reader wants to pick again.
        if (window.location.hash !== "#choose") {
          window.location.replace(match.href);
          return false;
        }
      }
    }
    return true;
  }

  // A reader who chose one version and followed a link to another is offered theirs back.
  function offerChosenVersion() {
    var page = document.querySelector("[data-page-audience]");
    var current = stored();
    if (!page || !current || page.getAttribute("data-page-audience") === current) return;
    var theirs = document.querySelector('.other-audiences a[data-version="' + current + '"]');
    var notice = document.querySelector("[data-your-version]");
    if (!theirs || !notice) return;
    var link = notice.querySelector("[data-your-version-link]");
    link.href = theirs.href;
    link.textContent = theirs.textContent;
    notice.hidden = false;
  }

  // On the index, each article's title and summary in the chosen audience's own wording.
  function applyWording() {
    var current = stored();
    document.querySelectorAll(".article-card").forEach(function (card) {
      ["h3 a > [data-wording]", ":scope > p[data-wording]"].forEach(function (selector) {
        var parts = Array.prototype.slice.call(card.querySelectorAll(selector));
        var own = parts.filter(function (part) {
          return part.getAttribute("data-wording") === current;
        })[0];
        parts.forEach(function (part) {
          part.hidden = own ? part !== own : part.getAttribute("data-wording") !== "default";
        });
      });
    });
  }

  function setupPersonaBar() {
    var bar = document.querySelector("[data-persona-bar]");
    if (!bar) return;
    var toggle = bar.querySelector("[data-persona-toggle]");
    var menu = bar.querySelector(".persona-menu");
    var nounSlot = bar.querySelector("[data-persona-noun]");
    var options = Array.prototype.slice.call(bar.querySelectorAll("[data-set-audience]"));

    function show() {
      var current = stored();
      var chosen = null;
      options.forEach(function (option) {
        var on = option.getAttribute("data-set-audience") === current;
        option.setAttribute("aria-pressed", on ? "true" : "false");
        if (on) chosen = option;
      });
      bar.hidden = !chosen;
      if (chosen) nounSlot.textContent = chosen.getAttribute("data-noun");
      applyWording();
    }

    function openMenu(open) {
      menu.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    toggle.addEventListener("click", function () {
      openMenu(menu.hidden);
      if (!menu.hidden) options[0].focus();
    });
    options.forEach(function (option) {
      option.addEventListener("click", function () {
        var name = option.getAttribute("data-set-audience");
        remember(name);
        var link = chooserLink(name);
        if (link) {
          window.location.href = link.href;
          return;
        }
        show();
        openMenu(false);
        toggle.focus();
      });
    });
    bar.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !menu.hidden) {
        openMenu(false);
        toggle.focus();
      }
    });
    show();
  }

  // Picking a version on the chooser is a choice; other links between versions are not.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-chooser] a[data-audience]");
    if (link) remember(link.getAttribute("data-audience"));
  });

  /* --- word definitions ---------------------------------------------------------------- */

  function setupTerms() {
    var terms = document.querySelectorAll(".term");
    if (!terms.length) return;
    // Focus already announces a definition through aria-describedby; a tap does not, so say it.
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);

    function closeAll(except) {
      document.querySelectorAll(".term.open").forEach(function (term) {
        if (term !== except) term.classList.remove("open");
      });
    }

    // Keep a definition inside the screen on narrow phones.
    function place(term) {
      var tip = term.querySelector(".term-tip");
      tip.style.left = "";
      var rect = tip.getBoundingClientRect();
      var room = document.documentElement.clientWidth - 8;
      if (rect.width && rect.right > room) {
        var shift = Math.min(rect.right - room, rect.left - 8);
        tip.style.left = -Math.max(shift, 0) + "px";
      }
    }

    terms.forEach(function (term) {
      term.addEventListener("mouseenter", function () {
        place(term);
      });
      term.addEventListener("focusin", function () {
        place(term);
      });
      term.addEventListener("mouseleave", function () {
        term.classList.remove("dismissed");
      });
      term.addEventListener("focusout", function () {
        term.classList.remove("dismissed", "open");
      });
    });

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".term-link");
      if (!link) {
        if (!(event.target.closest && event.target.closest(".term"))) closeAll(null);
        return;
      }
      var term = link.parentNode;
      if (term.classList.contains("open")) {
        // A second tap follows the link to "Words to know", as it does without JavaScript.
        term.classList.remove("open");
        return;
      }
      event.preventDefault();
      closeAll(term);
      term.classList.remove("dismissed");
      term.classList.add("open");
      place(term);
      live.textContent = "";
      var text = term.querySelector(".term-tip").textContent;
      window.setTimeout(function () {
        live.textContent = text;
      }, 60);
    });

    // WCAG 1.4.13: a definition shown on hover or focus can be dismissed without moving.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll(".term").forEach(function (term) {
        if (term.classList.contains("open") || term.matches(":hover") || term.contains(document.activeElement)) {
          term.classList.remove("open");
          term.classList.add("dismissed");
        }
      });
    });
  }

  /* --- search and topic filters on the index ------------------------------------------- */

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function setupFinder() {
    var finder = document.querySelector("[data-finder]");
    if (!finder) return;
    var records = {};
    (window.PLAINLY_SEARCH || []).forEach(function (record) {
      records[record.slug] = record;
    });
    var list = document.querySelector(".article-list");
    var cards = Array.prototype.slice.call(list.querySelectorAll(".article-card[data-slug]"));
    var input = finder.querySelector('input[type="search"]');
    var count = finder.querySelector("[data-result-count]");
    var buttons = Array.prototype.slice.call(finder.querySelectorAll("[data-topic]"));
    var topic = "";

    function score(card, words) {
      var record = records[card.getAttribute("data-slug")];
      if (!record) return words.length ? -1 : 0;
      var total = 0;
      for (var i = 0; i < words.length; i++) {
        var word = words[i];
        var points = 0;
        if (record.title.indexOf(word) !== -1) points += 3;
        for (var j = 0; j < record.words.length; j++) {
          if (record.words[j] === word) {
            points += 2;
            break;
          }
          if (record.words[j].indexOf(word) === 0) {
            points += 1;
            break;
          }
        }
        if (!points) return -1; // every word must be found
        total += points;
      }
      return total;
    }

    function apply() {
      var words = fold(input.value).match(/[\p{L}\p{N}_]+/gu) || [];
      var ranked = cards.map(function (card, position) {
        var topics = (card.getAttribute("data-topics") || "").split(" ");
        var points = topic && topics.indexOf(topic) === -1 ? -1 : score(card, words);
        return { card: card, points: points, position: position };
      });
      ranked.sort(function (a, b) {
        return b.points - a.points || a.position - b.position;
      });
      var shown = 0;
      ranked.forEach(function (entry) {
        entry.card.hidden = entry.points < 0;
        if (!entry.card.hidden) shown += 1;
        list.appendChild(entry.card);
      });
      var message = shown === 0 ? "data-none" : shown === 1 ? "data-one" : "data-many";
      count.textContent = words.length || topic ? count.getAttribute(message).replace("{count}", shown) : "";
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        topic = button.getAttribute("data-topic");
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
        apply();
      });
    });
    input.addEventListener("input", apply);
    finder.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    finder.hidden = false;
    apply();
  }

  /* --- small things -------------------------------------------------------------------- */

  // A table wider than its column scrolls inside its region; say so only when it does.
  function setupTables() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll(".table-block"));
    if (!blocks.length) return;
    function measure() {
      blocks.forEach(function (block) {
        var wrap = block.querySelector(".table-wrap");
        block.classList.toggle("overflows", wrap.scrollWidth > wrap.clientWidth + 1);
      });
    }
    window.addEventListener("resize", measure);
    measure();
  }

  document.documentElement.classList.add("js");
  if (applyChoice()) {
    setupPersonaBar();
    offerChosenVersion();
    applyWording();
    setupTerms();
    setupFinder();
    setupTables();
  }
})();
