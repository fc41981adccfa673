// Starts Swagger UI on the server's /openapi document. It lives in a file, not in the page, because the
// Content-Security-Policy allows scripts from this origin only ('self', no inline script).
(function () {
  'use strict';

  // The console keeps its session token in sessionStorage under this key (js/api.js); never in localStorage.
  var SESSION_KEY = 'texium.session';

  function sessionToken() {
    try {
      var raw = window.sessionStorage.getItem(SESSION_KEY);
      if (!raw) {
        return null;
      }
      // the console may store the token alone or its whole session object ({"token": ..., "expires_at": ...})
      if (raw.charAt(0) === '{') {
        var session = JSON.parse(raw);
        if (session.expires_at && Date.parse(session.expires_at) <= Date.now()) {
          return null;
        }
        return session.token || null;
      }
      return raw;
    } catch (e) {
      return null;
    }
  }

  // Signed in to the console in this tab: "try it out" calls the API with the same session token, as Bearer.
  function preauthorize(ui) {
    var token = sessionToken();
    var schemes = ui.specSelectors.securityDefinitions && ui.specSelectors.securityDefinitions();
    if (!token || !schemes) {
      return;
    }
    schemes.forEach(function (scheme, name) {
      if (scheme.get('type') === 'http' && String(scheme.get('scheme')).toLowerCase() === 'bearer') {
        ui.preauthorizeApiKey(name, token);
      }
    });
  }

  window.ui = SwaggerUIBundle({
    url: '/openapi',
    dom_id: '#swagger-ui',
    deepLinking: true,
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    // the credentials typed into "Authorize" stay in this page's memory: persisting them would use localStorage
    persistAuthorization: false,
    displayOperationId: true,
    filter: true,
    // the API answers a 401 to such a request with a Bearer challenge only, so the browser never opens its own
    // password dialog over the page
    requestInterceptor: function (request) {
      request.headers['X-Requested-With'] = 'XMLHttpRequest';
      return request;
    },
    onComplete: function () {
      preauthorize(window.ui);
    }
  });
})();
