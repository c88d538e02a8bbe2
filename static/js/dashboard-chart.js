// Daily load of the last 28 days with its 7- and 28-day rolling averages.
// The data (already translated) comes from the page as <script id="chart-data" type="application/json">.
(function () {
  "use strict";

  var source = document.getElementById("chart-data");
  var canvas = document.getElementById("load-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return; // the table under the chart shows the same figures
  }
  var data = JSON.parse(source.textContent);
  var styles = getComputedStyle(document.documentElement);
  var colour = function (name, fallback) {
    return styles.getPropertyValue(name).trim() || fallback;
  };
  var green = colour("--bs-success", "#198754");
  var blue = colour("--bs-primary", "#0d6efd");
  var red = colour("--bs-danger", "#dc3545");

  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        {
          type: "line",
          label: data.average7.label,
          data: data.average7.data,
          borderColor: blue,
          backgroundColor: blue,
          borderWidth: 2,
          pointRadius: 0,
          tension: 0.25,
          order: 1,
        },
        {
          type: "line",
          label: data.average28.label,
          data: data.average28.data,
          borderColor: red,
          backgroundColor: red,
          borderWidth: 2,
          borderDash: [6, 4], // told apart by the dashes, not by colour alone
          pointRadius: 0,
          tension: 0.25,
          order: 2,
        },
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
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // A tap shows every value of that day; no hover needed.
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 14 } },
      },
      scales: {
        x: { ticks: { autoSkip: true, maxTicksLimit: 7, maxRotation: 0 } },
        y: {
          beginAtZero: true,
          title: { display: true, text: data.yLabel },
        },
      },
    },
  });
})();
