// The levels of a certificate, by domain: one table with a caption and header cells (read by screen readers).
import { messages } from "../common.js";
import { h, t } from "../ui.js";

export function levelLabel(level) {
  return level < 0 ? messages.certificate_not_certified : t("certificate_level", { level });
}

export function levelsTable(domains) {
  const body = h("tbody");
  for (const domain of domains) {
    body.append(h("tr", { class: "domain-row" }, h("th", { scope: "rowgroup", colspan: "2" }, `${domain.code}. ${domain.title}`)));
    for (const competence of domain.competences) {
      body.append(h("tr", null,
        h("th", { scope: "row" }, `${competence.code} ${competence.title}`),
        h("td", null, levelLabel(competence.level))));
    }
  }
  return h("table", { class: "certificate-levels" },
    h("caption", null, messages.certificate_levels_caption),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, messages.certificate_competence),
      h("th", { scope: "col" }, messages.certificate_level_heading))),
    body);
}
