// Copy buttons on the API tokens page: <button data-copy-target="input-id">.
// A file, not inline script: the Content-Security-Policy allows scripts from our origin only.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-target]");
  if (!button) return;
  var input = document.getElementById(button.dataset.copyTarget);
  if (!input) return;
  input.select();
  var done = function () {
    button.textContent = button.dataset.copiedLabel || "Copied";
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, function () {
      document.execCommand("copy");
      done();
    });
  } else {
    // Plain http on a LAN address is not a secure context: fall back to the old command.
    document.execCommand("copy");
    done();
  }
});
