"use strict";
// The athlete list: one box ticks or clears every athlete of the page.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("action-toggle");
  if (!toggle) return;
  const boxes = Array.from(document.querySelectorAll("input.action-select"));
  toggle.addEventListener("change", () => {
    boxes.forEach((box) => { box.checked = toggle.checked; });
  });
  boxes.forEach((box) => box.addEventListener("change", () => {
    toggle.checked = boxes.every((b) => b.checked);
  }));
});
