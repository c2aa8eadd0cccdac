// Pix Admin: a new target profile. Per competence, each tube of the release with a level select ("not kept",
// or a cap among its skills' levels); the count of tubes and skills follows the choice.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { done, h, showLoadError, t } from "../ui.js";

const loading = document.getElementById("loading");
const form = document.getElementById("new-profile");
const selection = document.getElementById("selection");
const selects = [];

function tubeRow(tube) {
  const id = `tube-${tube.tube_id}`;
  const select = h("select", { id, "data-tube": tube.tube_id, "aria-describedby": `${id}-levels` },
    h("option", { value: "" }, t("tp_not_kept")),
    ...tube.levels.map((level) => h("option", { value: String(level) },
      t("tp_up_to_level", { level, count: tube.levels.filter((l) => l <= level).length }))));
  select.dataset.levels = tube.levels.join(",");
  selects.push(select);
  return h("div", { class: "tube-choice" },
    h("label", { for: id }, tube.title),
    select,
    h("small", { id: `${id}-levels`, class: "muted" }, t("tp_tube_levels", { from: tube.levels[0], to: tube.levels.at(-1) })));
}

function competenceBlock(competence) {
  const bulk = h("select", { id: `all-${competence.code}`, "aria-label": t("tp_all_tubes_of", { code: competence.code }) },
    h("option", { value: "" }, t("tp_all_tubes_choose")),
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((level) => h("option", { value: String(level) }, t("tp_all_tubes_level", { level }))));
  const block = h("details", { class: "competence-choice" },
    h("summary", null, `${competence.code} ${competence.title}`, h("span", { class: "muted chosen" })),
    h("div", { class: "bulk" }, h("label", { for: bulk.id }, t("tp_all_tubes")), bulk),
    ...competence.tubes.map(tubeRow));
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

function chosen() {
  return selects.filter((s) => s.value).map((s) => ({ tube_id: s.dataset.tube, level: Number(s.value) }));
}

function update() {
  let skills = 0;
  for (const select of selects) {
    if (select.value) skills += select.dataset.levels.split(",").map(Number).filter((l) => l <= Number(select.value)).length;
  }
  for (const block of document.querySelectorAll(".competence-choice")) {
    const count = [...block.querySelectorAll("select[data-tube]")].filter((s) => s.value).length;
    block.querySelector(".chosen").textContent = count ? ` — ${t("tp_tubes_chosen", { count })}` : "";
  }
  selection.textContent = t("tp_selection", { tubes: chosen().length, skills });
}

try {
  const catalog = await api("/api/admin/target-profile-tubes", { auth: true });
  document.getElementById("competences").append(...catalog.competences.map(competenceBlock));
  form.addEventListener("change", (event) => { if (event.target.matches("select[data-tube]")) update(); });
  update();
  form.hidden = false;
  handleForm(form, async (data) => {
    const body = {
      name: data.get("name").trim(),
      category: data.get("category"),
      description: data.get("description").trim(),
      comment: data.get("comment").trim() || null,
      resettable: data.get("resettable") === "on",
      tubes: chosen(),
    };
    const created = await api("/api/admin/target-profiles", { method: "POST", body, auth: true });
    window.location.assign(`${root}admin/profils-cibles/profil/?id=${encodeURIComponent(created.id)}`);
  });
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
