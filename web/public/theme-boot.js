// Apply the saved theme before first paint, so a dark-theme user never sees a white flash.
try {
  var t = localStorage.getItem("maang.theme");
  if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
} catch (e) {}
