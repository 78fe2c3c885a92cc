// The reply composer: insert a template or knowledge answer at the cursor, and copy the reply
// to the clipboard when it goes to a platform without an API (Alibaba.com).
(function () {
  "use strict";
  var textarea = document.querySelector("#composer textarea[name=body]");
  if (!textarea) { return; }
  document.querySelectorAll("[data-insert-select]").forEach(function (select) {
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var text = option && option.getAttribute("data-text");
      if (text) {
        var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
        var before = value.slice(0, start), after = value.slice(end);
        var glue = before && !before.endsWith("\n") ? "\n\n" : "";
        textarea.value = before + glue + text + after;
        textarea.focus();
      }
      select.selectedIndex = 0;
    });
  });
  var form = document.querySelector("form[data-copy-on-submit]");
  if (form && navigator.clipboard) {
    form.addEventListener("submit", function () {
      navigator.clipboard.writeText(textarea.value).catch(function () {});
    });
  }
})();
// "Use this version" of an LLM-polished draft: it replaces the reply box's text.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-use-text]");
  var textarea = document.querySelector("#composer textarea[name=body]");
  if (button && textarea) {
    textarea.value = button.getAttribute("data-use-text");
    textarea.focus();
  }
});
