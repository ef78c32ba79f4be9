/*
 * The composer: live counts per channel in the channel's own unit, and the browser's time zone as the default.
 * Counts match the server (ContentRules): text is NFC-normalised, then counted as
 *   GRAPHEMES  user-perceived characters (Intl.Segmenter; Array.from code points where it is missing),
 *   UTF16      UTF-16 code units (String.length),
 *   UTF8_BYTES UTF-8 bytes (TextEncoder).
 */
(function () {
  'use strict';

  var segmenter = (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function')
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
  var numberFormat = new Intl.NumberFormat('en-US');

  function count(text, unit) {
    var s = typeof text.normalize === 'function' ? text.normalize('NFC') : text;
    if (unit === 'UTF16') {
      return s.length;
    }
    if (unit === 'UTF8_BYTES') {
      return encoder ? encoder.encode(s).length : unescape(encodeURIComponent(s)).length;
    }
    if (segmenter) {
      var n = 0;
      var it = segmenter.segment(s)[Symbol.iterator]();
      while (!it.next().done) {
        n++;
      }
      return n;
    }
    return Array.from(s).length;
  }

  function setUp(block) {
    var textarea = block.querySelector('.variant-text');
    var output = block.querySelector('.variant-count');
    var toggle = block.querySelector('.variant-toggle');
    var unit = block.getAttribute('data-unit') || 'GRAPHEMES';
    var max = parseInt(block.getAttribute('data-max'), 10);
    var label = block.getAttribute('data-unit-label') || 'characters';

    function update() {
      if (!textarea || !output) {
        return;
      }
      var n = count(textarea.value, unit);
      var over = !isNaN(max) && n > max;
      output.textContent = numberFormat.format(n) + (isNaN(max) ? '' : ' / ' + numberFormat.format(max)) + ' ' + label
        + (over ? ' \u2014 ' + numberFormat.format(n - max) + ' too many' : '');
      output.classList.toggle('over', over);
      block.classList.toggle('over', over);
    }

    function toggled() {
      if (toggle) {
        block.classList.toggle('is-off', !toggle.checked);
        if (toggle.checked && textarea && !textarea.value) {
          textarea.focus();
        }
      }
    }

    if (textarea) {
      textarea.addEventListener('input', update);
    }
    if (toggle) {
      toggle.addEventListener('change', toggled);
      block.classList.toggle('is-off', !toggle.checked);
    }
    update();
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('.variant'), setUp);
    defaultTimeZone();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
