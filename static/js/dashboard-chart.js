// Daily load of the last 28 days with its 7- and 28-day rolling averages.
// The data (already translated) comes from the page as <script id="chart-data" type="application/json">.
(function () {
  "use strict";

  var source = document.getElementById("chart-data");
  var canvas = document.getElementById("load-chart");
  var charts = window.runningcoachCharts;
  if (!source || !canvas || typeof window.Chart === "undefined" || !charts) {
    return; // the table under the chart shows the same figures
  }
  var data = JSON.parse(source.textContent);
  var green = charts.colour("--bs-success", "#198754");
  var blue = charts.colour("--bs-primary", "#0d6efd");
  var red = charts.colour("--bs-danger", "#dc3545");

  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        charts.line(data.average7, blue, [], { order: 1 }),
        charts.line(data.average28, red, [6, 4], { order: 2 }),
        {
          type: "bar",
          label: data.daily.label,
          data: data.daily.data,
          backgroundColor: green + "66",
          borderColor: green,
          borderWidth: 1,
          order: 3,
        },
      ],
    },
    options: charts.options(7, {
      y: { beginAtZero: true, title: { display: true, text: data.yLabel } },
    }),
  });
})();
