/**
 * The report's filters, inline: category, level, policy and free text hide finding rows; a group
 * or section left with no visible row hides too; the grouping switch shows findings by
 * namespace and app or by policy.
 */
export const FILTER_SCRIPT = `
(function () {
  var q = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };
  var value = function (id) { var el = document.getElementById(id); return el ? el.value : ""; };
  function apply() {
    var category = value("f-category"), level = value("f-level"), policy = value("f-policy");
    var text = value("f-text").trim().toLowerCase();
    q("tr.finding").forEach(function (row) {
      var d = row.dataset;
      var show = (!category || d.category === category) && (!level || d.level === level) &&
        (!policy || d.policy === policy) && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.classList.toggle("hidden", !show);
    });
    q(".findings-group").forEach(function (g) {
      g.classList.toggle("hidden", g.querySelectorAll("tr.finding:not(.hidden)").length === 0);
    });
    var by = value("f-group");
    q(".grouping").forEach(function (v) { v.classList.toggle("hidden", v.dataset.grouping !== by); });
    q(".category-section").forEach(function (s) {
      var visible = s.querySelectorAll(".grouping[data-grouping='" + by + "'] tr.finding:not(.hidden)").length;
      s.querySelector(".none-shown").classList.toggle("hidden", visible > 0);
    });
    var shown = q(".grouping[data-grouping='" + by + "'] tr.finding:not(.hidden)").length;
    document.getElementById("f-count").textContent = shown + " shown";
  }
  q(".filters select, .filters input").forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  apply();
})();
`;
