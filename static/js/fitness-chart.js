// Fitness, fatigue and form of the last 90 days.
// The data (already translated) comes from the page as <script id="fitness-data" type="application/json">.
(function () {
  "use strict";

  var source = document.getElementById("fitness-data");
  var canvas = document.getElementById("fitness-chart");
  var charts = window.runningcoachCharts;
  if (!source || !canvas || typeof window.Chart === "undefined" || !charts) {
    return; // today's three values stand above the chart
  }
  var data = JSON.parse(source.textContent);
  var blue = charts.colour("--bs-primary", "#0d6efd");
  var red = charts.colour("--bs-danger", "#dc3545");
  var grey = charts.colour("--bs-secondary", "#6c757d");

  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        charts.line(data.fitness, blue, []),
        charts.line(data.fatigue, red, [6, 4]),
        charts.line(data.form, grey, [2, 3]),
      ],
    },
    options: charts.options(6),
  });
})();
