// Moves the import progress bar until the job is done; the page works without it too.
(function () {
  "use strict";
  var box = document.getElementById("import-status");
  if (!box || box.getAttribute("data-finished") === "1") { return; }
  var url = box.getAttribute("data-url");
  function poll() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        document.getElementById("job-progress").value = job.percent;
        document.getElementById("job-status").textContent = job.status_display;
        if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
