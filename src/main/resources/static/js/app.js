/* Small page helpers: the main menu, and confirmation before destructive actions. Times come from the server,
   already in the reader's time zone (web/Formats), so every page writes them the same way. */
(function () {
  'use strict';

  function confirmations() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-confirm]'), function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) {
          event.preventDefault();
        }
      });
    });
  }

  /** The main menu: one group open at a time, closed by Escape or a click elsewhere; the phone's menu button. */
  function menu() {
    var bar = document.getElementById('topbar');
    if (!bar) {
      return;
    }
    var groups = bar.querySelectorAll('details.nav-group');
    var here = window.location.pathname;
    Array.prototype.forEach.call(groups, function (group) {
      group.addEventListener('toggle', function () {
        if (group.open) {
          Array.prototype.forEach.call(groups, function (other) {
            if (other !== group && !bar.classList.contains('menu-open')) {
              other.open = false;
            }
          });
        }
      });
      Array.prototype.forEach.call(group.querySelectorAll('a[href]'), function (link) {
        var path = link.getAttribute('href');
        if (path === here || (path.length > 1 && here.indexOf(path + '/') === 0 && path !== '/posts')) {
          link.setAttribute('aria-current', 'page');
          group.classList.add('current');
        }
      });
    });
    function closeAll() {
      Array.prototype.forEach.call(groups, function (g) { g.open = false; });
    }
    var button = bar.querySelector('.menu-button');
    if (button) {
      button.addEventListener('click', function () {
        var open = !bar.classList.contains('menu-open');
        bar.classList.toggle('menu-open', open);
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
        Array.prototype.forEach.call(groups, function (g) { g.open = open && !g.classList.contains('who'); });
      });
    }
    document.addEventListener('click', function (event) {
      if (!bar.contains(event.target)) {
        closeAll();
        if (button) {
          bar.classList.remove('menu-open');
          button.setAttribute('aria-expanded', 'false');
        }
      }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        var open = bar.querySelector('details.nav-group[open] > summary');
        closeAll();
        if (bar.classList.contains('menu-open') && button) {
          bar.classList.remove('menu-open');
          button.setAttribute('aria-expanded', 'false');
          button.focus();
        } else if (open) {
          open.focus();
        }
      }
    });
  }

  /** The zone's offset from UTC at this moment, in milliseconds (Intl, no library). */
  function zoneOffset(date, zone) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second) - date.getTime();
  }

  /** "2026-05-01T09:30" read in the IANA zone (UTC when it is empty or unknown). */
  function instantIn(local, zone) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
    if (!m) {
      return null;
    }
    var guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    try {
      var first = guess - zoneOffset(new Date(guess), zone || 'UTC');
      return new Date(guess - zoneOffset(new Date(first), zone || 'UTC'));
    } catch (e) {
      return new Date(guess);
    }
  }

  /**
   * The post form: a publishing time that has passed, or leaves reviewers less than the review lead time, is named
   * next to the field and confirmed before saving, with what will happen.
   */
  function publishingTime() {
    var form = document.querySelector('form[data-lead-minutes]');
    if (!form || !form.elements.scheduledAt) {
      return;
    }
    var field = form.elements.scheduledAt;
    var zoneField = form.elements.timeZone;
    var hint = form.querySelector('.timing-hint');
    var initial = field.value;
    var serverNow = Date.parse(form.getAttribute('data-now'));
    var loaded = Date.now();
    var lead = (+form.getAttribute('data-lead-minutes') || 0) * 60000;
    function problem() {
      var at = instantIn(field.value, zoneField ? zoneField.value.trim() : '');
      if (!at) {
        return null;
      }
      var now = (isNaN(serverNow) ? loaded : serverNow) + (Date.now() - loaded);
      if (at.getTime() <= now) {
        return 'This time has passed: the post goes out as soon as it is approved.';
      }
      if (at.getTime() < now + lead) {
        return 'This time leaves reviewers less than ' + form.getAttribute('data-lead-text')
          + ': if the approval comes after it, a manager decides whether the post goes out late or gets a new time.';
      }
      return null;
    }
    function show() {
      var text = problem();
      if (hint) {
        hint.textContent = text || '';
        hint.classList.toggle('is-warning', !!text);
      }
    }
    field.addEventListener('change', show);
    field.addEventListener('input', show);
    if (zoneField) {
      zoneField.addEventListener('change', show);
    }
    show();
    form.addEventListener('submit', function (event) {
      var text = problem();
      var submitting = event.submitter && event.submitter.name === 'then';
      if (text && (field.value !== initial || submitting) && !window.confirm(text + ' Save anyway?')) {
        event.preventDefault();
      }
    });
  }

  function init() {
    menu();
    publishingTime();
    confirmations();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
