// Shows only the fields the chosen kind of session needs. Without JavaScript all fields show.
(function () {
  "use strict";
  var form = document.getElementById("session-form");
  if (!form) { return; }
  function update() {
    var checked = form.querySelector("input[name=kind]:checked");
    var kind = checked ? checked.value : "run";
    form.querySelectorAll("[data-kinds]").forEach(function (el) {
      el.hidden = el.getAttribute("data-kinds").split(" ").indexOf(kind) === -1;
    });
  }
  form.querySelectorAll("input[name=kind]").forEach(function (el) {
    el.addEventListener("change", update);
  });
  update();
})();
