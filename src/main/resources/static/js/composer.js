/*
 * The composer. Per channel: the live count in the network's unit and limit AS THE SERVER COUNTS IT
 * (POST /api/compose/check, the rules that decide at submit; the local count below is only shown until the server
 * answers, or when it cannot be reached), a preview card styled like the network's post, media from the asset
 * library (thumbnails; a plain multi-select without script), hashtag suggestions from our history and a link check.
 * Also: the browser's time zone as default, and inserting saved templates with their placeholders filled.
 *
 * Local fallback counts match ContentRules for the simple units: text is NFC-normalised, then counted as
 *   GRAPHEMES  user-perceived characters (Intl.Segmenter; Array.from code points where it is missing),
 *   UTF16      UTF-16 code units (String.length),
 *   UTF8_BYTES UTF-8 bytes (TextEncoder),
 *   EMOJI_BYTES characters as GRAPHEMES, but an emoji as the UTF-8 bytes of its sequence (Threads).
 */
(function () {
  'use strict';

  var segmenter = (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function')
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
  var numberFormat = new Intl.NumberFormat('en-US');
  var form = document.getElementById('composer');
  var csrfInput = form ? form.querySelector('input[name="_csrf"]') : null;
  var postId = form ? form.getAttribute('data-post-id') || null : null;
  var lastTextarea = null;

  var emoji = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\uFE0F|\u20E3/u;

  function bytes(s) {
    return encoder ? encoder.encode(s).length : unescape(encodeURIComponent(s)).length;
  }

  function graphemes(s) {
    if (segmenter) {
      return Array.from(segmenter.segment(s), function (g) { return g.segment; });
    }
    return Array.from(s);
  }

  function count(text, unit) {
    var s = typeof text.normalize === 'function' ? text.normalize('NFC') : text;
    if (unit === 'UTF16') {
      return s.length;
    }
    if (unit === 'UTF8_BYTES') {
      return bytes(s);
    }
    if (unit === 'EMOJI_BYTES') {
      return graphemes(s).reduce(function (n, g) { return n + (emoji.test(g) ? bytes(g) : 1); }, 0);
    }
    return graphemes(s).length;
  }

  function api(method, url, body) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (csrfInput) {
      headers['X-CSRF-TOKEN'] = csrfInput.value;
    }
    return fetch(url, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (r) {
      if (!r.ok) {
        throw new Error('HTTP ' + r.status);
      }
      return r.json();
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  /* Text with links, #hashtags and @mentions highlighted, built from DOM nodes (never innerHTML). */
  function richText(target, text) {
    target.textContent = '';
    var pattern = /(https?:\/\/\S+)|((?:^|[^\w])#[\p{L}\p{N}_]+)|((?:^|[^\w])@[\w.@-]+)/gu;
    var last = 0;
    var m;
    while ((m = pattern.exec(text)) !== null) {
      var token = m[0];
      var lead = '';
      if (!m[1] && /^[^#@]/.test(token)) {
        lead = token.charAt(0);
        token = token.substring(1);
      }
      target.appendChild(document.createTextNode(text.substring(last, m.index) + lead));
      target.appendChild(el('span', m[1] ? 'pv-link' : (token.charAt(0) === '#' ? 'pv-tag' : 'pv-mention'), token));
      last = m.index + m[0].length;
    }
    target.appendChild(document.createTextNode(text.substring(last)));
  }

  function setUp(block) {
    var textarea = block.querySelector('.variant-text');
    var output = block.querySelector('.variant-count');
    var toggle = block.querySelector('.variant-toggle');
    var linkInput = block.querySelector('.variant-link');
    var linkStatus = block.querySelector('.link-status');
    var problemsOut = block.querySelector('.variant-problems');
    var select = block.querySelector('.media-select');
    var previewBody = block.querySelector('.preview-body');
    var previewMedia = block.querySelector('.preview-media');
    var previewLink = block.querySelector('.preview-link');
    var tagsOut = block.querySelector('.hashtag-suggest');
    var channel = block.getAttribute('data-channel');
    var unit = block.getAttribute('data-unit') || 'GRAPHEMES';
    var max = parseInt(block.getAttribute('data-max'), 10);
    var label = block.getAttribute('data-unit-label') || 'characters';
    // Mastodon counts every URL as data-url-length characters; Bluesky also caps UTF-8 bytes (fallback only)
    var urlLength = parseInt(block.getAttribute('data-url-length'), 10);
    var maxBytes = parseInt(block.getAttribute('data-max-bytes'), 10);

    function show(n, limit, unitLabel, over, extra) {
      if (!output) {
        return;
      }
      output.textContent = numberFormat.format(n) + (isNaN(limit) || limit === null ? '' : ' / ' + numberFormat.format(limit))
        + ' ' + unitLabel + (over && !isNaN(limit) && limit !== null && n > limit ? ' \u2014 ' + numberFormat.format(n - limit) + ' too many' : '')
        + (extra || '');
      output.classList.toggle('over', over);
      block.classList.toggle('over', over);
    }

    function localCount() {
      if (!textarea) {
        return;
      }
      var text = isNaN(urlLength) ? textarea.value
        : textarea.value.replace(/https?:\/\/\S+/gi, new Array(urlLength + 1).join('x'));
      var n = count(text, unit);
      var bytes = isNaN(maxBytes) ? 0 : count(textarea.value, 'UTF8_BYTES');
      var overBytes = !isNaN(maxBytes) && bytes > maxBytes;
      show(n, max, label, (!isNaN(max) && n > max) || overBytes,
        overBytes ? ' \u2014 ' + numberFormat.format(bytes) + ' / ' + numberFormat.format(maxBytes) + ' bytes' : '');
    }

    function selectedAssets() {
      if (!select) {
        return [];
      }
      return Array.prototype.filter.call(select.options, function (o) { return o.selected; });
    }

    function serverCheck() {
      if (!textarea || !channel || (toggle && !toggle.checked)) {
        return;
      }
      var ids = selectedAssets().map(function (o) { return parseInt(o.value, 10); });
      var sent = ++checks;
      api('POST', '/api/compose/check', { postId: postId, variants: [{ channel: channel, text: textarea.value,
        link: linkInput ? linkInput.value : null, assetIds: ids }] }).then(function (result) {
        if (sent !== checks) {
          return; // a newer check is on its way: never show an answer for older text
        }
        var r = result[0];
        output.setAttribute('data-source', 'server');
        show(r.count, r.limit === null ? NaN : r.limit, r.unitLabel, r.over, '');
        if (problemsOut) {
          problemsOut.textContent = r.problems.length ? r.problems.join(' ') : '';
          problemsOut.classList.toggle('has-problems', r.problems.length > 0);
        }
      }).catch(function () {
        output.setAttribute('data-source', 'local');
      });
    }

    var card = block.querySelector('.preview-card');
    var style = card && card.classList.contains('net-instagram') ? 'instagram'
      : card && card.classList.contains('net-threads') ? 'threads' : 'card';
    // Instagram shows about this many characters of a caption before "… more"
    var captionFold = 125;

    /* Instagram: the account name in bold before the caption, the part under "… more" set apart. */
    function instagramCaption(text) {
      previewBody.textContent = '';
      previewBody.appendChild(el('strong', 'pv-author', card.getAttribute('data-author') || ''));
      previewBody.appendChild(document.createTextNode(' '));
      var chars = graphemes(text);
      var shown = el('span');
      richText(shown, chars.slice(0, captionFold).join(''));
      previewBody.appendChild(shown);
      if (chars.length > captionFold) {
        previewBody.appendChild(el('span', 'pv-more', '\u2026 more '));
        var folded = el('span', 'pv-folded');
        richText(folded, chars.slice(captionFold).join(''));
        previewBody.appendChild(folded);
      }
    }

    function preview() {
      if (!previewBody || !textarea) {
        return;
      }
      var text = textarea.value;
      if (style === 'instagram') {
        instagramCaption(text || '');
      } else {
        richText(previewBody, text || '');
      }
      if (!isNaN(max) && count(text, unit) > max) {
        previewBody.appendChild(el('span', 'pv-cut', ' \u2026 the network cuts or refuses the rest'));
      }
      previewMedia.textContent = '';
      var chosen = selectedAssets();
      // Instagram: one square at a time (a carousel shows 1/n); Threads: a row to scroll; others: a grid of up to 4
      var shownMedia = style === 'instagram' ? chosen.slice(0, 1) : style === 'threads' ? chosen : chosen.slice(0, 4);
      previewMedia.className = 'preview-media count-' + Math.min(chosen.length, 4);
      previewMedia.setAttribute('data-count', String(chosen.length));
      shownMedia.forEach(function (o) {
        if (o.getAttribute('data-image') === 'true') {
          var img = el('img');
          img.src = o.getAttribute('data-url');
          img.alt = o.getAttribute('data-alt') || '';
          previewMedia.appendChild(img);
        } else {
          previewMedia.appendChild(el('span', 'pv-video', '\u25B6 ' + o.textContent));
        }
      });
      var link = linkInput && linkInput.value ? linkInput.value : '';
      if (style === 'instagram') {
        previewLink.textContent = link ? '\uD83D\uDD17 ' + link + ' (in the caption as text: Instagram does not link it)' : '';
      } else if (style === 'threads') {
        var first = /https?:\/\/\S+/i.exec(text || '');
        var previewed = chosen.length ? '' : (first ? first[0] : link);
        previewLink.textContent = previewed ? '\uD83D\uDD17 link preview: ' + previewed : '';
      } else {
        previewLink.textContent = link ? '\uD83D\uDD17 ' + link : '';
      }
    }

    function hashtags() {
      if (!tagsOut || !textarea || (toggle && !toggle.checked)) {
        return;
      }
      var m = /#([\p{L}\p{N}_]*)$/u.exec(textarea.value.substring(0, textarea.selectionEnd || textarea.value.length));
      var q = m ? m[1] : '';
      api('GET', '/api/compose/hashtags?limit=8&channel=' + encodeURIComponent(channel) + '&q=' + encodeURIComponent(q))
        .then(function (tags) {
          var present = textarea.value.toLowerCase();
          tags = tags.filter(function (t) { return present.indexOf(t.tag.toLowerCase() + ' ') < 0 && !present.endsWith(t.tag.toLowerCase()); });
          tagsOut.textContent = '';
          if (!tags.length) {
            return;
          }
          tagsOut.appendChild(el('span', 'muted', 'Used before: '));
          tags.forEach(function (t) {
            var b = el('button', 'chip', t.tag);
            b.type = 'button';
            b.title = 'used in ' + t.uses + ' posts';
            b.addEventListener('click', function () {
              var v = textarea.value;
              if (m && m[0].length && v.substring(0, textarea.selectionEnd).endsWith(m[0])) {
                var end = textarea.selectionEnd;
                textarea.value = v.substring(0, end - m[0].length) + t.tag + ' ' + v.substring(end);
              } else {
                textarea.value = v + (v && !/\s$/.test(v) ? ' ' : '') + t.tag + ' ';
              }
              textarea.dispatchEvent(new Event('input'));
              textarea.focus();
            });
            tagsOut.appendChild(b);
          });
        }).catch(function () { tagsOut.textContent = ''; });
    }

    function checkLink() {
      if (!linkInput || !linkStatus) {
        return;
      }
      var url = linkInput.value.trim();
      if (!url) {
        linkStatus.textContent = '';
        linkStatus.className = 'link-status small';
        return;
      }
      linkStatus.textContent = 'Checking the link\u2026';
      api('POST', '/api/compose/link-check', { url: url }).then(function (r) {
        linkStatus.textContent = r.message;
        linkStatus.className = 'link-status small level-' + r.level;
      }).catch(function () {
        linkStatus.textContent = '';
      });
    }

    function mediaPicker() {
      if (!select) {
        return;
      }
      var picker = el('div', 'media-enhanced');
      var chosen = el('ul', 'media-chosen');
      var add = el('button', 'btn btn-small', 'Add from the library');
      add.type = 'button';
      var panel = el('div', 'media-panel');
      panel.hidden = true;
      var search = el('input');
      search.type = 'search';
      search.placeholder = 'Search the library (name, alt text, tag)';
      search.setAttribute('aria-label', 'Search the asset library');
      var grid = el('ul', 'media-grid');
      panel.appendChild(search);
      panel.appendChild(grid);
      picker.appendChild(chosen);
      picker.appendChild(add);
      picker.appendChild(panel);
      select.parentNode.appendChild(picker);
      select.hidden = true;
      var selectLabel = select.parentNode.querySelector('label .muted');
      if (selectLabel) {
        selectLabel.hidden = true;
      }

      function option(id) {
        return select.querySelector('option[value="' + id + '"]');
      }

      function renderChosen() {
        chosen.textContent = '';
        selectedAssets().forEach(function (o) {
          var li = el('li', 'media-thumb');
          if (o.getAttribute('data-image') === 'true') {
            var img = el('img');
            img.src = o.getAttribute('data-url');
            img.alt = o.getAttribute('data-alt') || '';
            li.appendChild(img);
          } else {
            li.appendChild(el('span', 'pv-video', '\u25B6'));
          }
          li.appendChild(el('span', 'media-name', o.textContent));
          var remove = el('button', 'link-button', 'Remove');
          remove.type = 'button';
          remove.setAttribute('aria-label', 'Remove ' + o.textContent);
          remove.addEventListener('click', function () {
            o.selected = false;
            changed();
          });
          li.appendChild(remove);
          chosen.appendChild(li);
        });
      }

      function load() {
        api('GET', '/api/assets?size=24&q=' + encodeURIComponent(search.value)).then(function (page) {
          grid.textContent = '';
          if (!page.items.length) {
            grid.appendChild(el('li', 'muted small', 'Nothing found. Upload files on the Assets page.'));
          }
          page.items.forEach(function (a) {
            var li = el('li', 'media-choice' + (a.expired ? ' is-expired' : ''));
            var b = el('button');
            b.type = 'button';
            b.setAttribute('data-asset-id', a.id);
            b.title = a.fileName + (a.expired ? ' (expired: cannot be attached)' : '') + (a.altText ? '' : ' (no alt text)');
            if (a.mimeType.indexOf('image/') === 0) {
              var img = el('img');
              img.src = a.url;
              img.alt = a.altText || '';
              b.appendChild(img);
            } else {
              b.appendChild(el('span', 'pv-video', '\u25B6'));
            }
            b.appendChild(el('span', 'media-name', a.fileName));
            b.disabled = a.expired;
            b.addEventListener('click', function () {
              var o = option(a.id);
              if (!o) {
                o = document.createElement('option');
                o.value = a.id;
                o.textContent = a.fileName;
                o.setAttribute('data-url', a.url);
                o.setAttribute('data-image', a.mimeType.indexOf('image/') === 0 ? 'true' : 'false');
                o.setAttribute('data-alt', a.altText || '');
                select.appendChild(o);
              }
              o.selected = true;
              panel.hidden = true;
              changed();
            });
            li.appendChild(b);
            grid.appendChild(li);
          });
        }).catch(function () {
          grid.textContent = 'The library could not be loaded.';
        });
      }

      add.addEventListener('click', function () {
        panel.hidden = !panel.hidden;
        if (!panel.hidden) {
          load();
          search.focus();
        }
      });
      search.addEventListener('input', debounce(load, 250));
      select.addEventListener('change', changed);
      renderChosen();
      picker.renderChosen = renderChosen;
      return picker;
    }

    var picker = null;
    var checks = 0;
    var remote = debounce(serverCheck, 300);
    var remoteTags = debounce(hashtags, 400);

    function changed() {
      if (picker) {
        picker.renderChosen();
      }
      preview();
      remote();
    }

    function toggled() {
      if (toggle) {
        block.classList.toggle('is-off', !toggle.checked);
        if (toggle.checked && textarea && !textarea.value) {
          textarea.focus();
        }
        if (toggle.checked) {
          remote();
          remoteTags();
        }
      }
    }

    if (textarea) {
      textarea.addEventListener('input', function () {
        checks++; // answers to earlier checks are stale now
        output.setAttribute('data-source', 'local');
        localCount();
        preview();
        remote();
        remoteTags();
      });
      textarea.addEventListener('focus', function () { lastTextarea = textarea; });
    }
    if (linkInput) {
      linkInput.addEventListener('change', function () { checkLink(); preview(); remote(); });
      linkInput.addEventListener('input', debounce(preview, 200));
    }
    if (toggle) {
      toggle.addEventListener('change', toggled);
      block.classList.toggle('is-off', !toggle.checked);
    }
    picker = mediaPicker();
    localCount();
    preview();
    if (!toggle || toggle.checked) {
      serverCheck();
      hashtags();
      if (linkInput && linkInput.value) {
        checkLink();
      }
    }
  }

  function defaultTimeZone() {
    var input = document.querySelector('input[data-browser-default]');
    if (!input || input.value) {
      return;
    }
    var zone = 'UTC';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch (e) {
      zone = 'UTC';
    }
    input.value = zone;
  }

  /* Saved templates (io.greenlight.reply): search, then insert into the last text the author was writing. */
  function templates() {
    var box = document.getElementById('template-insert');
    var search = document.getElementById('template-search');
    var results = document.getElementById('template-results');
    if (!box || !search || !results) {
      return;
    }
    box.hidden = false;

    function value(name) {
      var input = form.querySelector('[name="' + name + '"]');
      return input ? input.value : '';
    }

    function fill(body, block) {
      var link = block ? (block.querySelector('.variant-link') || {}).value : '';
      var values = { title: value('title'), campaign: value('campaign'), link: link || '', region: value('region'),
        author: (document.querySelector('.who strong') || {}).textContent || '' };
      return body.replace(/\{\{\s*(\w+)\s*\}\}/g, function (all, key) {
        return values[key] ? values[key] : all;
      });
    }

    function load() {
      api('GET', '/api/replies?size=8&q=' + encodeURIComponent(search.value)).then(function (replies) {
        results.textContent = '';
        replies.forEach(function (r) {
          var li = el('li');
          var b = el('button', 'link-button', r.title);
          b.type = 'button';
          b.title = r.body;
          b.addEventListener('click', function () {
            var target = lastTextarea || form.querySelector('.variant:not(.is-off) .variant-text');
            if (!target) {
              return;
            }
            var block = target.closest('.variant');
            var text = fill(r.body, block);
            var start = target.selectionStart || target.value.length;
            target.value = target.value.substring(0, start) + text + target.value.substring(target.selectionEnd || start);
            target.dispatchEvent(new Event('input'));
            target.focus();
          });
          li.appendChild(b);
          li.appendChild(el('span', 'muted small', ' ' + r.kind.toLowerCase() + ' \u00B7 ' + r.team));
          results.appendChild(li);
        });
      }).catch(function () { box.hidden = true; });
    }

    search.addEventListener('input', debounce(load, 250));
    search.addEventListener('focus', load);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.variant'), setUp);
    defaultTimeZone();
    if (form) {
      templates();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
