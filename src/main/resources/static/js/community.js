// The community inbox: live count of the reply (the network's own counting, POST /api/channels/count), saved replies
// inserted with {{name}} filled in, and a poll every 20 s that offers a refresh when new items came in.
(function () {
  'use strict';
  var form = document.getElementById('reply-form');
  var text = document.getElementById('reply-text');
  var count = document.getElementById('reply-count');
  var csrf = document.querySelector('input[name="_csrf"]');
  function headers() {
    var h = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrf) { h['X-CSRF-TOKEN'] = csrf.value; }
    return h;
  }
  var timer = null;
  function recount() {
    if (!form || !text || !count) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch('/api/channels/count', { method: 'POST', headers: headers(), credentials: 'same-origin',
        body: JSON.stringify({ text: text.value, channels: [form.dataset.channel] }) })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body || !body.channels || !body.channels.length) { return; }
          var c = body.channels[0];
          var over = c.limit != null && c.used > c.limit;
          count.textContent = c.used + (c.limit != null ? ' / ' + c.limit : '') + ' ' + c.unitLabel
            + (over ? ' (too long)' : '');
          count.classList.toggle('overdue', over);
        })
        .catch(function () { /* the server checks again on send */ });
    }, 250);
  }
  if (text) { text.addEventListener('input', recount); }
  var saved = document.getElementById('saved-reply');
  if (saved && text) {
    saved.addEventListener('change', function () {
      if (!saved.value) { return; }
      var body = saved.value.replace(/\{\{\s*name\s*\}\}/g, saved.dataset.name || '');
      text.value = text.value ? text.value + '\n' + body : body;
      saved.value = '';
      text.focus();
      recount();
    });
  }
  var live = document.getElementById('community-live');
  if (live) {
    var newest = null;
    var poll = function () {
      fetch('/api/community/summary', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { return; }
          if (newest !== null && s.newest !== newest) { live.hidden = false; }
          newest = s.newest;
        })
        .catch(function () { /* try again next time */ });
    };
    poll();
    setInterval(poll, 20000);
  }
})();
