// Pix Admin: one target profile. Its facts and tubes; forms to edit its information, stages (all by mastery
// rate or all by level) and badges (criteria on the whole profile or on some of its tubes); copy, outdate,
// publish, attach to and detach from organisations. The API validates everything and says what is wrong.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { formatDate, h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";
import { showTrail } from "./trail.js";
import { tubePicker } from "./tube-picker.js";

const id = new URLSearchParams(window.location.search).get("id") || "";
const base = `/api/admin/target-profiles/${encodeURIComponent(id)}`;
const statusBox = document.querySelector(".form-status");
let profile = null;
let serial = 0;

// --- small builders --------------------------------------------------------------------------------

function input(name, label, { type = "text", value = "", required = false, multiline = false, extra = {} } = {}) {
  const attrs = { id: name, name, required, "aria-required": required ? "true" : null, ...extra };
  const control = multiline ? h("textarea", { ...attrs, rows: "2" }) : h("input", { ...attrs, type });
  if (type === "checkbox") {
    control.checked = Boolean(value);
    return h("label", null, control, " ", label);
  }
  control.value = value ?? "";
  return [h("label", { for: name }, label), control, h("small", { class: "field-error", id: `${name}-error`, hidden: true })];
}

function removeButton(label, node) {
  return h("button", { type: "button", class: "secondary outline", onclick: () => node.remove() }, label);
}

function flash(text) {
  statusBox.textContent = text;
  statusBox.className = "form-status success";
  statusBox.hidden = false;
  statusBox.focus();
}

// --- what it is ------------------------------------------------------------------------------------

function show(next) {
  profile = next;
  document.getElementById("profile-name").textContent = profile.name;
  const flags = [profile.public ? t("tp_public") : t("tp_private")];
  if (profile.outdated) flags.unshift(t("tp_outdated"));
  document.getElementById("profile-flags").replaceChildren(...flags.map((f) => h("span", { class: "badge" }, f)));
  const facts = [
    [t("tp_category"), t(`tp_category_${profile.category}`)],
    [t("tp_description"), profile.description || "—"],
    [t("tp_comment"), profile.comment || "—"],
    [t("tp_skills"), String(profile.skill_count)],
    [t("tp_competences"), profile.competences.join(", ")],
    [t("tp_resettable"), profile.resettable ? t("tp_yes") : t("tp_no")],
    [t("tp_created"), formatDate(profile.created_at)],
  ];
  document.getElementById("profile-facts").replaceChildren(...facts.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
  document.getElementById("publish").textContent = profile.public ? t("tp_unpublish") : t("tp_publish");
  for (const control of document.querySelectorAll("#profile form button, #publish, #outdate, #edit-tubes")) {
    if (profile.outdated) control.disabled = true;
  }
  const info = document.getElementById("info-form");
  info.elements.name.value = profile.name;
  info.elements.category.value = profile.category;
  info.elements.description.value = profile.description;
  info.elements.comment.value = profile.comment || "";
  info.elements.resettable.checked = profile.resettable;
  document.getElementById("tubes-rows").replaceChildren(...profile.tubes.map((tube) => h("tr", null,
    h("td", null, tube.competence), h("td", null, tube.title), h("td", null, String(tube.level)),
    h("td", null, String(tube.skill_count)))));
  document.getElementById("org-list").replaceChildren(...(profile.organization_ids.length
    ? profile.organization_ids.map((org) => h("li", null, org, " ",
      h("button", { type: "button", class: "secondary outline inline", "data-detach": org,
        "aria-label": t("tp_detach_org", { org }) }, t("tp_detach"))))
    : [h("li", null, t("tp_no_organization"))]));
  document.getElementById("stage-rows").replaceChildren(...profile.stages.map(stageRow));
  const kind = profile.stage_kind || "mastery";
  document.querySelector(`input[name=kind][value=${kind}]`).checked = true;
  document.getElementById("badge-rows").replaceChildren(...profile.badges.map(badgeBlock));
}

// --- stages ----------------------------------------------------------------------------------------

function stageRow(stage = {}) {
  const n = ++serial;
  const row = h("li", { class: "editor-row" });
  row.append(h("fieldset", null, h("legend", null, t("tp_stage")),
    input(`stage-${n}-threshold`, t("tp_stage_threshold"), { type: "number", value: stage.threshold ?? "", required: true,
      extra: { min: "0", max: "100", "data-field": "threshold" } }),
    input(`stage-${n}-title`, t("tp_stage_title"), { value: stage.title, required: true, extra: { "data-field": "title", maxlength: "255" } }),
    input(`stage-${n}-message`, t("tp_stage_message"), { value: stage.message, required: true, multiline: true, extra: { "data-field": "message" } }),
    input(`stage-${n}-ptitle`, t("tp_stage_prescriber_title"), { value: stage.prescriber_title, extra: { "data-field": "prescriber_title" } }),
    input(`stage-${n}-pdesc`, t("tp_stage_prescriber_description"), { value: stage.prescriber_description, multiline: true,
      extra: { "data-field": "prescriber_description" } }),
    removeButton(t("tp_remove_stage"), row)));
  return row;
}

function value(scope, field) {
  const control = scope.querySelector(`[data-field=${field}]`);
  if (control.type === "checkbox") return control.checked;
  return control.value.trim();
}

function stagesBody(data) {
  const stages = [...document.querySelectorAll("#stage-rows > li")].map((row) => ({
    threshold: Number(value(row, "threshold")),
    title: value(row, "title"),
    message: value(row, "message"),
    prescriber_title: value(row, "prescriber_title") || null,
    prescriber_description: value(row, "prescriber_description") || null,
  }));
  return { kind: stages.length ? data.get("kind") : null, stages };
}

// --- badges ----------------------------------------------------------------------------------------

function criterionRow(criterion = { kind: "campaign", threshold: 50, tubes: [] }) {
  const n = ++serial;
  const kind = h("select", { id: `crit-${n}-kind`, "data-field": "kind" },
    h("option", { value: "campaign" }, t("tp_criterion_campaign")),
    h("option", { value: "tubes" }, t("tp_criterion_tubes")));
  kind.value = criterion.kind;
  const chosen = new Set((criterion.tubes || []).map((tube) => tube.tube_id));
  const tubes = h("fieldset", { class: "criterion-tubes" }, h("legend", null, t("tp_criterion_tube_list")),
    ...profile.tubes.map((tube) => {
      const box = h("input", { type: "checkbox", value: tube.tube_id, "data-level": String(tube.level) });
      box.checked = chosen.has(tube.tube_id);
      return h("label", null, box, " ", `${tube.title} (${t("tp_level")} ${tube.level})`);
    }));
  const row = h("li", { class: "editor-row" });
  const sync = () => { tubes.hidden = kind.value !== "tubes"; };
  kind.addEventListener("change", sync);
  sync();
  row.append(...[
    h("label", { for: kind.id }, t("tp_criterion_kind")), kind,
    input(`crit-${n}-threshold`, t("tp_criterion_threshold"), { type: "number", value: criterion.threshold, required: true,
      extra: { min: "0", max: "100", "data-field": "threshold" } }),
    input(`crit-${n}-name`, t("tp_criterion_name"), { value: criterion.name, extra: { "data-field": "name" } }),
    tubes, removeButton(t("tp_remove_criterion"), row)].flat());
  return row;
}

function badgeBlock(badge = { criteria: [{ kind: "campaign", threshold: 50 }] }) {
  const n = ++serial;
  const criteria = h("ol", { class: "editor-rows" }, ...(badge.criteria || []).map(criterionRow));
  const block = h("fieldset", { class: "badge-editor" }, h("legend", null, badge.title || t("tp_new_badge")));
  block.append(...[
    input(`badge-${n}-key`, t("tp_badge_key"), { value: badge.key, required: true,
      extra: { "data-field": "key", pattern: "[A-Z0-9_]+", "aria-describedby": `badge-${n}-key-hint` } }),
    h("small", { id: `badge-${n}-key-hint` }, t("tp_badge_key_hint")),
    input(`badge-${n}-title`, t("tp_badge_title"), { value: badge.title, required: true, extra: { "data-field": "title" } }),
    input(`badge-${n}-message`, t("tp_badge_message"), { value: badge.message, multiline: true, extra: { "data-field": "message" } }),
    input(`badge-${n}-image`, t("tp_badge_image"), { type: "url", value: badge.image_url, extra: { "data-field": "image_url" } }),
    input(`badge-${n}-visible`, t("tp_badge_always_visible"), { type: "checkbox", value: badge.always_visible,
      extra: { "data-field": "always_visible" } }),
    h("h3", null, t("tp_criteria")), criteria,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: () => criteria.append(criterionRow()) }, t("tp_add_criterion")),
      removeButton(t("tp_remove_badge"), block))].flat());
  return block;
}

function badgesBody() {
  return {
    badges: [...document.querySelectorAll("#badge-rows > fieldset")].map((block) => ({
      key: value(block, "key"),
      title: value(block, "title"),
      message: value(block, "message"),
      image_url: value(block, "image_url") || null,
      always_visible: value(block, "always_visible"),
      criteria: [...block.querySelectorAll(".editor-rows > li")].map((row) => {
        const kind = value(row, "kind");
        return {
          kind,
          threshold: Number(value(row, "threshold")),
          name: value(row, "name") || null,
          tubes: kind === "tubes" ? [...row.querySelectorAll(".criterion-tubes input:checked")].map((box) => ({
            tube_id: box.value, level: Number(box.dataset.level) })) : [],
        };
      }),
    })),
  };
}

// --- tubes ------------------------------------------------------------------------------------------

let picker = null;

async function openTubeEditor(button) {
  const form = document.getElementById("tubes-form");
  const opening = form.hidden;
  if (opening && !picker) {
    const catalog = await api("/api/admin/target-profile-tubes", { auth: true });
    const caps = new Map(profile.tubes.map((tube) => [tube.tube_id, tube.level]));
    picker = tubePicker(catalog, document.getElementById("tube-editor"), document.getElementById("tube-selection"), caps);
  }
  form.hidden = !opening;
  button.setAttribute("aria-expanded", String(opening));
  if (opening) form.querySelector("summary, select").focus();
}

// --- the audit trail ---------------------------------------------------------------------------------

function refreshTrail() {
  showTrail(document.getElementById("trail"), "target-profile", id); // a help: the page works without it
}

// --- actions ---------------------------------------------------------------------------------------

async function act(path, options, message) {
  try {
    show(await api(`${base}${path}`, { auth: true, ...options }));
    flash(message);
    refreshTrail();
  } catch (error) {
    showLoadError(error, statusBox);
  }
}

function wire() {
  handleForm(document.getElementById("info-form"), async (data) => {
    show(await api(base, { method: "PATCH", auth: true, body: {
      name: data.get("name").trim(), category: data.get("category"), description: data.get("description").trim(),
      comment: data.get("comment").trim() || null, resettable: data.get("resettable") === "on" } }));
    flash(t("tp_saved"));
    refreshTrail();
  });
  handleForm(document.getElementById("tubes-form"), async () => {
    show(await api(base, { method: "PATCH", auth: true, body: { tubes: picker.chosen() } }));
    document.getElementById("tubes-form").hidden = true;
    document.getElementById("edit-tubes").setAttribute("aria-expanded", "false");
    flash(t("tp_tubes_saved"));
    refreshTrail();
  });
  const editTubes = document.getElementById("edit-tubes");
  editTubes.addEventListener("click", () => openTubeEditor(editTubes).catch((error) => showLoadError(error, statusBox)));
  handleForm(document.getElementById("stages-form"), async (data) => {
    show(await api(`${base}/stages`, { method: "PUT", auth: true, body: stagesBody(data) }));
    flash(t("tp_stages_saved"));
    refreshTrail();
  });
  handleForm(document.getElementById("badges-form"), async () => {
    show(await api(`${base}/badges`, { method: "PUT", auth: true, body: badgesBody() }));
    flash(t("tp_badges_saved"));
    refreshTrail();
  });
  const attach = document.getElementById("attach-form");
  handleForm(attach, async (data) => {
    const ids = data.get("organization_ids").split(/[\s,;]+/).filter(Boolean);
    show(await api(`${base}/organizations`, { method: "POST", auth: true, body: { organization_ids: ids } }));
    attach.reset();
    flash(t("tp_attached"));
    refreshTrail();
  }, {
    // One field for the list: a bad id (organization_ids.3) is said on it.
    fields: new Proxy({}, { get: (_, name) => (String(name).startsWith("organization_ids") ? "organization_ids" : undefined) }),
    explain: (error) => (error.code === "INVALID_INPUT" ? t("tp_attach_invalid") : null),
  });
  document.getElementById("add-stage").addEventListener("click", () => {
    const row = stageRow();
    document.getElementById("stage-rows").append(row);
    row.querySelector("input").focus();
  });
  document.getElementById("add-badge").addEventListener("click", () => {
    const block = badgeBlock();
    document.getElementById("badge-rows").append(block);
    block.querySelector("input").focus();
  });
  document.getElementById("org-list").addEventListener("click", (event) => {
    const button = event.target.closest("[data-detach]");
    if (button) act(`/organizations/${encodeURIComponent(button.dataset.detach)}`, { method: "DELETE" }, t("tp_detached"));
  });
  document.getElementById("publish").addEventListener("click", () =>
    act("/publication", { method: "PUT", body: { public: !profile.public } }, profile.public ? t("tp_unpublished") : t("tp_published")));
  document.getElementById("copy").addEventListener("click", async () => {
    try {
      const copy = await api(`${base}/copy`, { method: "POST", auth: true });
      window.location.assign(`${root}admin/profils-cibles/profil/?id=${encodeURIComponent(copy.id)}`);
    } catch (error) {
      showLoadError(error, statusBox);
    }
  });
  const dialog = document.getElementById("outdate-dialog");
  document.getElementById("outdate").addEventListener("click", () => dialog.showModal());
  dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  document.getElementById("outdate-confirm").addEventListener("click", async () => {
    dialog.close();
    await act("/outdate", { method: "POST" }, t("tp_outdated_done"));
  });
}

adminPage(async () => {
  show(await api(base, { auth: true }));
  document.getElementById("profile").hidden = false;
  wire();
  refreshTrail();
  if (profile.outdated) for (const b of document.querySelectorAll("#profile form button")) b.disabled = true;
  document.getElementById("profile-name").focus();
}, { status: statusBox });
