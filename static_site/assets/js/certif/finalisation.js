// Pix Certif: finalise a session. Each started candidate gets a fieldset: their test (finished or not, with a
// reason to give when it is not), and their issue reports, prefilled with what they reported during the test
// (category, type, question number for a problem during a question, description). Absent candidates are only
// named. The global comment and the two flags are about the whole session. Finalising is done once.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";

const params = new URLSearchParams(window.location.search);
const centreId = params.get("centre") || "";
const sessionId = params.get("session") || "";
const base = `/api/certif/centres/${encodeURIComponent(centreId)}/sessions/${encodeURIComponent(sessionId)}`;
const status = document.querySelector(".form-status");
let categories = [];
let counter = 0;

function reportRow(candidateId, report = {}) {
  counter += 1;
  const id = `r${counter}`;
  const category = h("select", { id: `${id}-category`, name: `${id}-category`, "data-field": "category" },
    h("option", { value: "" }, t("fin_choose")),
    ...categories.map((c) => h("option", { value: c.code, selected: c.code === report.category }, c.label)));
  const sub = h("select", { id: `${id}-sub`, name: `${id}-sub`, "data-field": "subcategory" });
  const number = h("input", { id: `${id}-number`, name: `${id}-number`, type: "number", min: "1", max: "100",
    inputmode: "numeric", "data-field": "question_number", value: report.question_number ?? "" });
  const description = h("input", { id: `${id}-description`, name: `${id}-description`, type: "text",
    maxlength: "500", "data-field": "description", value: report.description || "" });
  const subLabel = h("label", { for: `${id}-sub` }, t("fin_report_subcategory"));
  const numberLabel = h("label", { for: `${id}-number` }, t("fin_report_question"));
  const row = h("fieldset", { class: "report", "data-report": candidateId },
    h("legend", null, t("fin_report_legend")),
    h("label", { for: `${id}-category` }, t("fin_report_category")), category,
    h("div", { class: "sub" }, subLabel, sub),
    h("div", { class: "number" }, numberLabel, number),
    h("label", { for: `${id}-description` }, t("fin_report_description")), description,
    h("button", { type: "button", class: "secondary outline small", onclick: () => row.remove() },
      t("fin_report_remove")));
  const sync = () => {
    const chosen = categories.find((c) => c.code === category.value);
    const subs = chosen ? chosen.subcategories : [];
    sub.replaceChildren(h("option", { value: "" }, t("fin_choose")),
      ...subs.map((s) => h("option", { value: s.code, selected: s.code === report.subcategory }, s.label)));
    row.querySelector(".sub").hidden = subs.length === 0;
    row.querySelector(".number").hidden = !(chosen && chosen.needs_question);
  };
  category.addEventListener("change", sync);
  sync();
  return row;
}

function candidateBlock(c) {
  const reports = h("div", { class: "reports" }, ...c.reports.map((r) => reportRow(c.candidate_id, r)));
  const progress = t(c.unfinished ? (c.running ? "fin_running" : "fin_unfinished") : "fin_finished",
    { answered: c.answered, planned: c.planned });
  const reason = c.unfinished ? h("fieldset", { class: "abort" },
    h("legend", null, t("fin_abort_legend")),
    ...["candidate", "technical"].map((value) => h("label", null,
      h("input", { type: "radio", name: `abort-${c.candidate_id}`, value, required: true }), " ",
      t(`fin_abort_${value}`)))) : null;
  return h("fieldset", { class: "candidate", "data-candidate": c.candidate_id },
    h("legend", null, h("strong", null, `${c.last_name} ${c.first_name}`)),
    h("p", null, progress), reason,
    h("h3", null, t("fin_reports_title")),
    reports,
    h("button", { type: "button", class: "secondary small",
      onclick: () => { const row = reportRow(c.candidate_id); reports.append(row); row.querySelector("select").focus(); } },
    t("fin_report_add")));
}

function collect() {
  return [...document.querySelectorAll("fieldset.candidate")].map((block) => {
    const id = block.dataset.candidate;
    const reason = block.querySelector(`input[name="abort-${id}"]:checked`);
    const reports = [...block.querySelectorAll("fieldset.report")].map((row) => {
      const value = (field) => row.querySelector(`[data-field=${field}]`);
      const number = value("question_number");
      return {
        category: value("category").value,
        subcategory: value("subcategory").value || null,
        question_number: !number.closest("[hidden]") && number.value ? Number(number.value) : null,
        description: value("description").value.trim(),
      };
    });
    return { candidate_id: id, reports, abort_reason: reason ? reason.value : null };
  });
}

function showDone(overview) {
  document.getElementById("content").hidden = true;
  document.getElementById("fin-title").textContent = t("fin_heading_done", { number: overview.session_id });
  document.getElementById("done-text").textContent = t("fin_done", { date: formatDate(overview.finalised_at) });
  document.getElementById("done").hidden = false;
}

try {
  document.getElementById("back").href = `${root}certif/sessions/session/?centre=${encodeURIComponent(centreId)}&session=${encodeURIComponent(sessionId)}`;
  const overview = await api(`${base}/finalisation`, { auth: true });
  document.getElementById("fin-title").textContent = t("fin_heading", { number: overview.session_id });
  if (overview.finalised) {
    showDone(overview);
  } else {
    categories = overview.categories;
    const started = overview.candidates.filter((c) => c.started);
    const absent = overview.candidates.filter((c) => !c.started);
    document.getElementById("candidates").replaceChildren(...started.map(candidateBlock));
    if (absent.length) {
      const line = document.getElementById("absent");
      line.textContent = t("fin_absent", { names: absent.map((c) => `${c.last_name} ${c.first_name}`).join(", ") });
      line.hidden = false;
    }
    document.getElementById("content").hidden = false;
    handleForm(document.getElementById("finalise"), async (data) => {
      if (!window.confirm(t("fin_confirm"))) return;
      const result = await api(`${base}/finalisation`, { method: "POST", auth: true, body: {
        comment: data.get("comment").trim(), incident: data.get("incident") === "on",
        joining_issue: data.get("joining_issue") === "on", candidates: collect() } });
      showDone(result);
      document.getElementById("done").focus?.();
    });
  }
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
