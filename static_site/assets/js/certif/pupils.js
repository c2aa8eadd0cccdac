// Pix Certif: a SCO centre linked to its school's list picks candidates among the pupils of a class (checkboxes,
// page by page), then enrols the chosen ones at once (all or none: an error names the pupil). Hidden for other
// centres (the API answers 404 CENTRE_PUPIL_LIST_NOT_FOUND) and once enrolment is closed.
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { pagedList } from "../paged-list.js";
import { h, t } from "../ui.js";

const section = document.getElementById("pupils-section");
const division = document.getElementById("pupils-division");
const form = document.getElementById("pupils-form");
const list = document.getElementById("pupils-list");
const more = document.getElementById("pupils-more");
const names = new Map(); // learner id → name, to say who an error is about
let linked = false;
let open = true;

function pupilItem(pupil) {
  const name = `${pupil.last_name} ${pupil.first_name}`;
  names.set(pupil.learner_id, name);
  const id = `pupil-${pupil.learner_id}`;
  const born = new Date(`${pupil.birth_date}T00:00:00`).toLocaleDateString(document.documentElement.lang);
  return h("div", null,
    h("input", { type: "checkbox", id, name: "learner_id", value: pupil.learner_id, disabled: pupil.enrolled,
      checked: pupil.enrolled }),
    h("label", { for: id }, `${name} (${born})`, pupil.enrolled ? ` · ${t("pupils_already")}` : ""));
}

export function pupilsOpen(isOpen) {
  open = isOpen;
  section.hidden = !(linked && open);
}

export async function setupPupils(centreId, base, onEnrolled) {
  let found;
  try {
    found = await api(`/api/certif/centres/${encodeURIComponent(centreId)}/pupil-divisions`, { auth: true });
  } catch {
    return; // no linked school (404 CENTRE_PUPIL_LIST_NOT_FOUND), or not now: the rest of the page still works
  }
  linked = true;
  pupilsOpen(open);
  division.append(...found.divisions.map((name) => h("option", { value: name }, name)));
  const pupils = pagedList({
    rows: list,
    more,
    fetchPage: (cursor) => {
      const query = new URLSearchParams({ division: division.value, limit: "50" });
      if (cursor) query.set("cursor", cursor);
      return api(`${base}/pupils?${query}`, { auth: true });
    },
    items: (page) => page.pupils,
    row: pupilItem,
    onPage: (count) => { document.getElementById("pupils-empty").hidden = count > 0; },
    onError: (error) => showStatus(form, errorMessage(error)),
  });
  const reload = async () => {
    form.hidden = !division.value;
    if (!division.value) {
      pupils.clear();
      return;
    }
    document.getElementById("pupils-legend").textContent = t("pupils_of", { division: division.value });
    await pupils.reload();
  };
  division.addEventListener("change", reload);
  handleForm(form, async (data) => {
    const chosen = data.getAll("learner_id").map(String);
    if (!chosen.length) { showStatus(form, t("pupils_none_chosen")); return; }
    const enrolled = await api(`${base}/pupil-enrolments`, { method: "POST", auth: true, body: { learner_ids: chosen } });
    await reload();
    await onEnrolled();
    showStatus(form, t("pupils_enrolled", { count: enrolled.candidates.length }), "success");
  }, {
    explain: (error) => {
      const who = names.get(error.meta.learner_id);
      return who ? `${who} : ${errorMessage(error)}` : null;
    },
  });
}
