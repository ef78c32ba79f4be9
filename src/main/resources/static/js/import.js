/* CSV import: shows the upload's progress, then the server's row-by-row report (the same page, without script too). */
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form || typeof XMLHttpRequest === 'undefined' || typeof FormData === 'undefined') {
    return;
  }
  var box = form.querySelector('.import-progress');
  var bar = document.getElementById('import-bar');
  var state = document.getElementById('import-state');
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    box.hidden = false;
    bar.value = 0;
    state.textContent = 'Uploading\u2026';
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(e.loaded * 90 / e.total);
      }
    });
    xhr.upload.addEventListener('load', function () {
      bar.value = 90;
      state.textContent = 'Checking every row\u2026';
    });
    xhr.addEventListener('load', function () {
      bar.value = 100;
      state.textContent = 'Done.';
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () {
      state.textContent = 'The upload failed. Check the connection and try again.';
    });
    xhr.open('POST', form.action);
    xhr.send(new FormData(form));
  });
}());
