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

  function init() {
    menu();
    confirmations();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
