(function () {
  var el = document.getElementById("status");
  if (!el) { return; }
  function poll() {
    fetch("/sessions/" + el.getAttribute("data-session") + "/status", {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        el.textContent = s.status;
        if (s.status === "ready" || s.status === "failed") { window.location.reload(); }
        else { setTimeout(poll, 1500); }
      });
  }
  setTimeout(poll, 1000);
})();
