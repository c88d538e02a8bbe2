// Sign-up: tell the server the browser's time zone, so days start at the runner's midnight.
// The server checks the name; without JavaScript the default zone is used.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  document.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
    if (!input.value) { input.value = zone; }
  });
})();
