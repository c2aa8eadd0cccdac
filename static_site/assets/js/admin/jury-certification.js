// Pix Admin, certification: one certification. Each change (neutralise or restore a question, handle a report,
// decide, comment, correct the identity) is sent, the certification comes back rescored and is drawn again.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";
import { showTrail } from "./trail.js";

const params = new URLSearchParams(window.location.search);
const sessionId = params.get("session") || "";
const candidateId = params.get("candidate") || "";
const base = `/api/admin/certification-sessions/${encodeURIComponent(sessionId)}/certifications/${encodeURIComponent(candidateId)}`;
const status = document.querySelector(".form-status");
const changed = document.getElementById("change-result");

async function change(path, body, message) {
  try {
    fill(await api(`${base}${path}`, { method: "POST", auth: true, body }));
    changed.textContent = message;
  } catch (error) {
    showLoadError(error, status);
  }
}

function fill(c) {
  showTrail(document.getElementById("trail"), "certification", c.certification_id); // after each change too
  document.getElementById("jc-title").textContent = t("jury_cert_heading", { name: `${c.first_name} ${c.last_name}`, number: c.certification_id });
  document.getElementById("back").href = `${root}admin/sessions/session/?id=${encodeURIComponent(c.session_id)}`;
  const open = c.session_status !== "processed";
  document.getElementById("f-status").textContent = t(`jury_cert_${c.status}`) + (c.jury_decision ? ` (${t("jury_by_jury")})` : "");
  document.getElementById("f-pix").textContent = String(c.pix);
  document.getElementById("f-rate").textContent = `${c.rate_percent} %`;
  document.getElementById("f-levels").textContent = Object.entries(c.levels)
    .map(([code, level]) => `${code} : ${level < 0 ? "—" : level}`).join(" · ") || "—";
  const error = document.getElementById("error");
  error.textContent = c.error ? t("jury_cert_error", { error: c.error }) : "";
  error.hidden = !c.error;
  document.getElementById("reports").replaceChildren(...(c.reports.length ? c.reports.map((r) => h("li", null,
    h("strong", null, r.category_label), r.subcategory_label ? ` — ${r.subcategory_label}` : "",
    r.question_number ? ` (${t("jury_question_n", { number: r.question_number })})` : "",
    r.description ? ` : « ${r.description} »` : "", " — ",
    r.awaiting ? t("jury_report_awaiting") : (r.decided_by_jury ? t("jury_report_decided") : t(`jury_outcome_${r.outcome}`)),
    r.awaiting && open ? h("button", { type: "button", class: "secondary small",
      onclick: () => change(`/reports/${r.index}/decision`, undefined, t("jury_report_decided")) },
    t("jury_report_decide")) : null)) : [h("li", null, t("jury_no_report"))]));
  document.getElementById("questions").replaceChildren(...c.questions.map((q) => h("tr", null,
    h("td", null, String(q.number)), h("td", null, q.competence),
    h("td", null, q.instruction.length > 160 ? `${q.instruction.slice(0, 160)}…` : q.instruction),
    h("td", null, q.answer ?? "—"),
    h("td", null, (q.result ? t(`jury_result_${q.result}`) : t("jury_result_none")) + (q.neutralised ? ` · ${t("jury_neutralised")}` : "")),
    h("td", null, open ? h("button", { type: "button", class: "secondary small",
      "aria-label": t(q.neutralised ? "jury_restore_n" : "jury_neutralise_n", { number: q.number }),
      onclick: () => change(`/questions/${q.number}/neutralisation`, { neutralised: !q.neutralised },
        t(q.neutralised ? "jury_restored" : "jury_neutralised_done", { number: q.number })) },
    t(q.neutralised ? "jury_restore" : "jury_neutralise")) : "—"))));
  document.getElementById("decision").value = c.jury_decision || "";
  document.getElementById("for_candidate").value = c.comment_for_candidate;
  document.getElementById("for_organisation").value = c.comment_for_organisation;
  document.getElementById("last_name").value = c.last_name;
  document.getElementById("first_name").value = c.first_name;
  document.getElementById("birth_date").value = c.birth_date || "";
}

async function load() {
  fill(await api(base, { auth: true }));
  document.getElementById("content").hidden = false;
  handleForm(document.getElementById("decision-form"), async (data) => {
    fill(await api(`${base}/decision`, { method: "POST", auth: true, body: { decision: data.get("decision") || null } }));
    changed.textContent = t("jury_saved");
  });
  handleForm(document.getElementById("comments-form"), async (data) => {
    fill(await api(`${base}/comments`, { method: "POST", auth: true,
      body: { for_candidate: data.get("for_candidate"), for_organisation: data.get("for_organisation") } }));
    changed.textContent = t("jury_saved");
  });
  handleForm(document.getElementById("identity-form"), async (data) => {
    fill(await api(`${base}/identity`, { method: "PUT", auth: true, body: {
      last_name: data.get("last_name").trim(), first_name: data.get("first_name").trim(), birth_date: data.get("birth_date") } }));
    changed.textContent = t("jury_saved");
  });
}

await adminPage(load);
