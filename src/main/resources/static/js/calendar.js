/*
 * The content calendar: opens in the reader's own time zone, and moves posts by drag and drop (a post dropped on an
 * hour of the week or day grid goes to that hour; on a month day it keeps its time of day; an unscheduled post gets
 * the day's suggested best time, else 09:00). Without script the
 * day and list views have a move form per post.
 */
(function () {
  'use strict';

  var root = document.getElementById('calendar');
  if (!root) {
    return;
  }

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  // first visit without ?zone=: show the calendar in the reader's zone
  if (root.getAttribute('data-zone-given') !== 'true') {
    var zone = browserZone();
    if (zone && zone !== root.getAttribute('data-zone')) {
      var url = new URL(window.location.href);
      url.searchParams.set('zone', zone);
      window.location.replace(url.toString());
      return;
    }
  }

  var form = document.getElementById('cal-move');
  var manager = root.getAttribute('data-manager') === 'true';
  var dragged = null;

  function move(entry, cell) {
    var date = cell.getAttribute('data-date');
    if (!entry || !date) {
      return;
    }
    if (entry.getAttribute('data-approved') === 'true' && !manager
        && !window.confirm('This post is approved for its current time. Moving it sends it back to review. Move it?')) {
      return;
    }
    // an hour of the week or day grid: that hour, keeping the post's minutes; a month day: the post's own time
    var hour = cell.getAttribute('data-hour');
    var own = entry.getAttribute('data-time');
    var time = hour ? hour.substring(0, 3) + (own ? own.substring(3, 5) : '00')
        : own || cell.getAttribute('data-suggested') || '09:00';
    form.elements.postId.value = entry.getAttribute('data-post-id');
    form.elements.date.value = date;
    form.elements.time.value = time;
    form.submit();
  }

  Array.prototype.forEach.call(root.querySelectorAll('.cal-entry[draggable="true"]'), function (entry) {
    entry.addEventListener('dragstart', function (ev) {
      dragged = entry;
      entry.classList.add('is-dragging');
      ev.dataTransfer.effectAllowed = 'move';
      ev.dataTransfer.setData('text/plain', entry.getAttribute('data-post-id'));
    });
    entry.addEventListener('dragend', function () {
      entry.classList.remove('is-dragging');
    });
  });

  Array.prototype.forEach.call(root.querySelectorAll('.cal-day'), function (cell) {
    if (cell.classList.contains('cal-past')) {
      return;
    }
    cell.addEventListener('dragover', function (ev) {
      if (dragged) {
        ev.preventDefault();
        ev.dataTransfer.dropEffect = 'move';
        cell.classList.add('is-target');
      }
    });
    cell.addEventListener('dragleave', function () {
      cell.classList.remove('is-target');
    });
    cell.addEventListener('drop', function (ev) {
      ev.preventDefault();
      cell.classList.remove('is-target');
      var entry = dragged;
      if (!entry) {
        var id = ev.dataTransfer.getData('text/plain');
        entry = id ? root.querySelector('.cal-entry[data-post-id="' + id.replace(/"/g, '') + '"]') : null;
      }
      dragged = null;
      move(entry, cell);
    });
  });
}());
