// A task's own Camunda Form in the inbox, rendered by form-js (the viewer Tasklist uses) and completed through
// POST /api/tasks/{id}/form, which applies the engine's rules; their refusals are shown above the form.
(function () {
  'use strict';
  var root = document.getElementById('task-form');
  if (!root || !window.FormViewer) {
    return;
  }
  var src = root.getAttribute('data-src');
  var csrf = root.querySelector('input[name="csrf"]');
  var error = document.getElementById('task-form-error');
  var button = document.getElementById('task-form-submit');
  var host = root.querySelector('.form-host');

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
    if (message) {
      error.scrollIntoView({ block: 'nearest' });
    }
  }

  function read(response) {
    return response.text().then(function (text) {
      var body = {};
      try { body = text ? JSON.parse(text) : {}; } catch (e) { body = { detail: text }; }
      if (!response.ok) {
        throw new Error(body.detail || body.message || ('The server answered ' + response.status + '.'));
      }
      return body;
    });
  }

  host.innerHTML = '';
  var form = new window.FormViewer.Form({ container: host });
  fetch(src, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(read)
    .then(function (model) {
      root.setAttribute('data-zone', model.zone);
      return form.importSchema(model.schema, model.data);
    })
    .then(function () {
      button.disabled = false;
      root.setAttribute('data-ready', 'true');
    })
    .catch(function (e) { showError(e.message); });

  button.addEventListener('click', function () {
    showError('');
    var result = form.submit();
    if (result.errors && Object.keys(result.errors).length > 0) {
      showError('Please check the fields marked in the form.');
      return;
    }
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrf) {
      headers[csrf.getAttribute('data-header')] = csrf.value;
    }
    button.disabled = true;
    fetch(src, { method: 'POST', headers: headers, credentials: 'same-origin',
                 body: JSON.stringify({ variables: result.data }) })
      .then(read)
      .then(function (done) {
        root.setAttribute('data-completed', 'true');
        window.location.assign(done.next || '/inbox');
      })
      .catch(function (e) {
        button.disabled = false;
        showError(e.message);
      });
  });
}());
