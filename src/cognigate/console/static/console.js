// cognigate console: small progressive enhancements; every form also works without this.
(function () {
  "use strict";
  // Deploy API: the "Stage name" field exists only while "*New stage*" is chosen (taken out
  // of the page otherwise, as the AWS console shows it).
  document.querySelectorAll("select[data-new-stage]").forEach(function (select) {
    var field = document.getElementById(select.getAttribute("data-new-stage"));
    if (!field) { return; }
    var spot = document.createComment("stage name");
    field.parentNode.insertBefore(spot, field);
    var sync = function () {
      if (select.value === "__new__") {
        if (!field.isConnected) { spot.parentNode.insertBefore(field, spot.nextSibling); }
      } else if (field.isConnected) {
        field.remove();
      }
    };
    select.addEventListener("change", sync);
    sync();
  });
})();
