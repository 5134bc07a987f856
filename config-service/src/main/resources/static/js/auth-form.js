// The login part of the mailbox form: shows the password for PASSWORD and the OAuth2 fields for
// OAUTH2, and among those only what the chosen provider and grant use (data-providers,
// data-grants), with the "Connect with Microsoft/Google" button of the provider. Without this
// script every field shows and the server still checks them all.
(function () {
    'use strict';
    var method = document.getElementById('authMethod');
    var provider = document.getElementById('authProvider');
    var grant = document.getElementById('authGrant');
    if (!method || !provider || !grant) {
        return;
    }

    function matches(element, attribute, value) {
        var wanted = element.getAttribute(attribute);
        return !wanted || wanted.split(' ').indexOf(value) >= 0;
    }

    function show(element, visible) {
        element.classList.toggle('hidden', !visible);
    }

    function update() {
        var oauth2 = method.value === 'OAUTH2';
        show(document.getElementById('password-field'), !oauth2);
        show(document.getElementById('oauth2-fields'), oauth2);
        var signIn = document.getElementById('sign-in');
        document.querySelectorAll('#oauth2-fields [data-providers], #oauth2-fields [data-grants], #sign-in, '
                + '#sign-in [data-providers]').forEach(function (element) {
            var visible = matches(element, 'data-providers', provider.value) && matches(element, 'data-grants', grant.value);
            show(element, visible && (element !== signIn || oauth2));
        });
    }

    [method, provider, grant].forEach(function (select) {
        select.addEventListener('change', update);
    });
    update();
}());
