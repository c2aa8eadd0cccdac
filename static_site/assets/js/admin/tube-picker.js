// The tube picker of the target profile pages: per competence (a disclosure), each tube of the release with a
// level select ("not kept", or a cap among its skills' levels), a select to set every tube of the competence
// at once, and a live count of the tubes and skills chosen.
import { h, t } from "../ui.js";

function skillsUpTo(select) {
  const cap = Number(select.value);
  return select.value ? select.dataset.levels.split(",").map(Number).filter((l) => l <= cap).length : 0;
}

export function tubePicker(catalog, container, summary, initial = new Map()) {
  const selects = [];

  function update() {
    const skills = selects.reduce((sum, select) => sum + skillsUpTo(select), 0);
    for (const block of container.querySelectorAll(".competence-choice")) {
      const count = [...block.querySelectorAll("select[data-tube]")].filter((s) => s.value).length;
      block.querySelector(".chosen").textContent = count ? ` — ${t("tp_tubes_chosen", { count })}` : "";
    }
    summary.textContent = t("tp_selection", { tubes: selects.filter((s) => s.value).length, skills });
  }

  function tubeRow(tube) {
    const id = `${container.id}-${tube.tube_id}`;
    const select = h("select", { id, "data-tube": tube.tube_id, "aria-describedby": `${id}-levels` },
      h("option", { value: "" }, t("tp_not_kept")),
      ...tube.levels.map((level) => h("option", { value: String(level) },
        t("tp_up_to_level", { level, count: tube.levels.filter((l) => l <= level).length }))));
    select.dataset.levels = tube.levels.join(",");
    if (initial.has(tube.tube_id)) select.value = String(initial.get(tube.tube_id));
    select.addEventListener("change", update);
    selects.push(select);
    return h("div", { class: "tube-choice" },
      h("label", { for: id }, tube.title),
      select,
      h("small", { id: `${id}-levels`, class: "muted" },
        t("tp_tube_levels", { from: tube.levels[0], to: tube.levels.at(-1) })));
  }

  function competenceBlock(competence) {
    const bulk = h("select", { id: `${container.id}-all-${competence.code}`,
      "aria-label": t("tp_all_tubes_of", { code: competence.code }) },
    h("option", { value: "" }, t("tp_all_tubes_choose")),
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((level) => h("option", { value: String(level) }, t("tp_all_tubes_level", { level }))));
    const rows = competence.tubes.map(tubeRow);
    const open = competence.tubes.some((tube) => initial.has(tube.tube_id));
    const block = h("details", { class: "competence-choice", open },
      h("summary", null, `${competence.code} ${competence.title}`, h("span", { class: "muted chosen" })),
      h("div", { class: "bulk" }, h("label", { for: bulk.id }, t("tp_all_tubes")), bulk),
      ...rows);
    bulk.addEventListener("change", () => {
      if (!bulk.value) return;
      for (const select of block.querySelectorAll("select[data-tube]")) {
        const levels = select.dataset.levels.split(",").map(Number).filter((l) => l <= Number(bulk.value));
        select.value = levels.length ? String(levels.at(-1)) : "";
      }
      bulk.value = "";
      update();
    });
    return block;
  }

  container.replaceChildren(...catalog.competences.map(competenceBlock));
  update();
  return {
    chosen: () => selects.filter((s) => s.value).map((s) => ({ tube_id: s.dataset.tube, level: Number(s.value) })),
  };
}
