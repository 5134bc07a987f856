// "Probar conexión" / "Test connection": posts the mailbox form's current values (saved or not,
// with the form's own CSRF token) to the page's test endpoint and shows the answer, which the
// server has already put in the page's language. Without this script the form still saves.
(function () {
    'use strict';
    var button = document.getElementById('test-connection');
    var form = document.getElementById('mailbox-form');
    var result = document.getElementById('test-result');
    if (!button || !form || !result) {
        return;
    }

    function show(state, text, code, detail) {
        result.className = 'test-result ' + state;
        result.textContent = text;
        result.setAttribute('data-code', code || '');
        result.title = detail || '';
    }

    button.addEventListener('click', function () {
        button.disabled = true;
        show('running', button.getAttribute('data-running'));
        fetch(button.getAttribute('data-url'), {
            method: 'POST',
            credentials: 'same-origin',
            headers: {'Accept': 'application/json'},
            body: new URLSearchParams(new FormData(form))
        }).then(function (response) {
            if (!response.ok) {
                throw new Error('HTTP ' + response.status);
            }
            return response.json();
        }).then(function (answer) {
            show(answer.ok ? 'ok' : 'failed', answer.message, answer.code, answer.detail);
        }).catch(function () {
            show('failed', button.getAttribute('data-failed'), 'ERROR');
        }).then(function () {
            button.disabled = false;
        });
    });
}());
