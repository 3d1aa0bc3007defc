// The console's only script: keeps the API key for this browser tab (sessionStorage), adds it and the page's CSRF
// token to every request htmx makes, and shows refusals as text.
(function () {
  'use strict';
  var KEY = 'paperrec.apiKey';
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');

  function key() { return sessionStorage.getItem(KEY); }

  function notice(text) {
    var p = document.getElementById('notice');
    p.textContent = text || '';
    p.hidden = !text;
  }

  function keyState() {
    document.getElementById('key-state').textContent = key() ? 'key set for this tab' : 'no key';
  }

  function ready() {
    var offered = document.getElementById('api-key').value.trim();
    if (!key() && offered) {
      // Only the demo start fills in a key (the documented demo key): a newcomer sees data without a step.
      sessionStorage.setItem(KEY, offered);
      document.getElementById('api-key').value = '';
    }
    keyState();
    if (key()) {
      htmx.trigger(document.body, 'key-ready');
    } else {
      notice('Enter an API key to see recommendations.');
    }
  }

  function showReader(id) {
    if (!id) { return; }
    var url = new URL(window.location.href);
    url.searchParams.set('reader', id);
    window.history.replaceState(null, '', url);
    htmx.ajax('GET', '/ui/reader/' + encodeURIComponent(id), { target: '#reader', swap: 'innerHTML' });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('htmx:configRequest', function (e) {
      var k = key();
      if (k) { e.detail.headers['X-API-Key'] = k; }
      if (e.detail.verb !== 'get') { e.detail.headers['X-CSRF-Token'] = csrf; }
    });
    document.body.addEventListener('htmx:beforeRequest', function () { notice(''); });
    document.body.addEventListener('htmx:responseError', function (e) {
      var xhr = e.detail.xhr;
      var detail = xhr.statusText;
      try { detail = JSON.parse(xhr.responseText).detail || detail; } catch (ignored) { /* not problem+json */ }
      notice(xhr.status + ': ' + detail);
    });
    document.getElementById('key-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var value = document.getElementById('api-key').value.trim();
      if (value) {
        sessionStorage.setItem(KEY, value);
        document.getElementById('api-key').value = '';
        ready();
        var picked = new URL(window.location.href).searchParams.get('reader');
        if (picked && document.getElementById('reader')) { showReader(picked); }
      }
    });
    document.getElementById('forget-key').addEventListener('click', function () {
      sessionStorage.removeItem(KEY);
      keyState();
      notice('Key forgotten.');
    });
    ready();
    var picker = document.getElementById('reader-picker');
    if (picker) {
      picker.addEventListener('submit', function (e) {
        e.preventDefault();
        showReader(document.getElementById('reader-id').value.trim());
      });
      var picked = new URL(window.location.href).searchParams.get('reader');
      if (picked) {
        document.getElementById('reader-id').value = picked;
        if (key()) { showReader(picked); }
      }
    }
  });
}());
