/* Small page helpers: times in the reader's own time zone, and confirmation before destructive actions. */
(function () {
  'use strict';

  function localTimes() {
    if (typeof Intl === 'undefined') {
      return;
    }
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    Array.prototype.forEach.call(document.querySelectorAll('time[data-local][datetime]'), function (el) {
      var value = el.getAttribute('datetime');
      var date = value ? new Date(value) : null;
      if (date && !isNaN(date.getTime())) {
        el.title = el.textContent;
        el.textContent = format.format(date);
      }
    });
  }

  function confirmations() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-confirm]'), function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) {
          event.preventDefault();
        }
      });
    });
  }

  function init() {
    localTimes();
    confirmations();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
