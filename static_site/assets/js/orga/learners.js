// Pix Orga: the organisation's pupils or students. Admins import the list (the browser posts the file
// straight to S3 with the presigned form, then follows the job); everyone browses and filters it; in a
// school, members select pupils without an account and create their accounts, to hand out as a CSV.
import { ApiError, api } from "../api.js";
import { errorMessage } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { pagedList } from "../paged-list.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { offerDownload } from "./handout.js";
import { currentOrganizationId, orgaLink, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const orgId = currentOrganizationId();
const rows = document.getElementById("learners-rows");
const more = document.getElementById("more");
const filters = document.getElementById("filters");
const importForm = document.getElementById("import-form");
let organization = null;
const selected = new Set();

const FORMATS = {
  SCO: [["siecle-zip", "org_format_siecle_zip"], ["siecle", "org_format_siecle_xml"], ["sco-csv", "org_format_sco_csv"]],
  SUP: [["sup-csv", "org_format_sup_csv"]],
};
const CONTENT_TYPES = { "siecle-zip": ".zip", siecle: ".xml", "sco-csv": ".csv", "sup-csv": ".csv" };

function say(text, kind = "success") {
  box.textContent = text;
  box.className = `form-status ${kind}`;
  box.hidden = false;
  box.focus();
}

// --- the list ----------------------------------------------------------------------------------------

function status(learner) {
  if (learner.anonymised) return t("org_learner_deleted");
  return learner.active ? t("org_learner_active") : t("org_learner_disabled");
}

function learnerRow(learner) {
  const name = `${learner.last_name} ${learner.first_name}`;
  const cells = [];
  if (organization.type === "SCO") {
    const free = learner.active && !learner.linked && !learner.anonymised;
    const check = h("input", { type: "checkbox", disabled: !free, "aria-label": t("org_learners_select_one", { name }) });
    check.checked = selected.has(learner.id);
    check.addEventListener("change", () => { if (check.checked) selected.add(learner.id); else selected.delete(learner.id); });
    cells.push(h("td", null, check));
  }
  cells.push(
    h("td", null, h("a", { href: orgaLink("eleves/fiche/", orgId, { id: learner.id }) }, name)),
    h("td", null, learner.birth_date ? formatDate(learner.birth_date) : "—"),
    h("td", null, (organization.type === "SCO" ? learner.division : learner.group) || "—"),
    h("td", null, learner.linked ? t("org_yes") : t("org_no")),
    h("td", null, status(learner)),
  );
  return h("tr", null, ...cells);
}

const learners = pagedList({
  rows,
  more,
  fetchPage: (cursor) => {
    const query = new URLSearchParams({ limit: "50" });
    for (const name of ["search", "division", "group"]) {
      const value = filters.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    if (cursor) query.set("cursor", cursor);
    return api(organizationPath(orgId, `/learners?${query}`), { auth: true });
  },
  items: (page) => page.learners,
  row: learnerRow,
  onPage: (count, page) => {
    document.getElementById("learners-empty").hidden = count > 0;
    const list = page.current_list;
    document.getElementById("list-state").textContent = list
      ? t("org_list_state", { date: formatDate(list.imported_at), count: list.learners, active: list.active })
      : t("org_list_none");
  },
  onError: (error) => showLoadError(error, box),
});

filters.addEventListener("submit", (event) => {
  event.preventDefault();
  learners.reload();
});

// --- importing ---------------------------------------------------------------------------------------

const jobBox = document.getElementById("job");
const jobState = document.getElementById("job-state");
const bar = document.getElementById("job-progress");

function problems(listId, partId, items, count) {
  const list = document.getElementById(listId);
  list.replaceChildren(...items.map((p) => h("li", null, p.message)));
  if (count > items.length) list.append(h("li", null, t("org_import_more", { count: count - items.length })));
  document.getElementById(partId).hidden = items.length === 0;
}

function showJob(job) {
  const share = { created: 5, uploaded: 25, validating: 40, done: 100, failed: 100 }[job.state];
  const total = job.progress.total;
  bar.value = job.state === "processing" ? 50 + (total ? (50 * job.progress.done) / total : 0) : share;
  jobState.textContent = t(`org_job_${job.state}`, { done: job.progress.done, total: total ?? "…" });
  problems("job-errors", "job-errors-part", job.errors, job.error_count);
  problems("job-warnings", "job-warnings-part", job.warnings, job.warning_count);
}

async function follow(jobId) {
  let wait = 1000;
  for (;;) {
    const job = await api(`/api/jobs/${encodeURIComponent(jobId)}`, { auth: true });
    showJob(job);
    if (job.state === "done" || job.state === "failed") return job;
    await new Promise((resolve) => { setTimeout(resolve, wait); });
    wait = Math.min(4000, wait * 1.5);
  }
}

async function postFile(ticket, file) {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.upload_fields)) form.append(name, value);
  form.append("file", file);
  let response;
  try {
    response = await fetch(ticket.upload_url, { method: "POST", body: form });
  } catch {
    throw new ApiError(0, "UPLOAD_FAILED", t("org_import_upload_failed"));
  }
  if (!response.ok) throw new ApiError(response.status, "UPLOAD_FAILED", t("org_import_upload_failed"));
}

function chooseFormats() {
  const select = document.getElementById("format");
  select.replaceChildren(...FORMATS[organization.type].map(([value, key]) => h("option", { value }, t(key))));
  document.getElementById("mode-part").hidden = organization.type !== "SUP";
  const accept = () => { document.getElementById("file").accept = CONTENT_TYPES[select.value]; };
  select.addEventListener("change", accept);
  accept();
}

handleForm(importForm, async (data) => {
  const file = data.get("file");
  const chosen = String(data.get("format"));
  if (file.size > 20 * 1024 * 1024) {  // the upload policy's limit; a bare SIECLE XML passes it at ≈ 26,000 pupils
    throw new ApiError(413, "FILE_TOO_LARGE", t(chosen === "siecle" ? "org_import_too_large_siecle" : "org_import_too_large"));
  }
  const body = { format: chosen === "siecle-zip" ? "siecle" : chosen, zipped: chosen === "siecle-zip",
    mode: data.get("mode") || "add" };
  const ticket = await api(organizationPath(orgId, "/learner-imports"), { auth: true, method: "POST", body });
  jobBox.hidden = false;
  showJob(ticket.job);
  await postFile(ticket, file);
  const job = await follow(ticket.job.id);
  if (job.state === "done") {
    showStatus(importForm, t("org_import_done", { count: job.progress.done }), "success");
    await learners.reload();
  } else {
    showStatus(importForm, t("org_import_failed", { count: job.error_count }));
  }
});

// --- pupils' accounts --------------------------------------------------------------------------------

document.getElementById("create-accounts").addEventListener("click", async () => {
  if (selected.size === 0) { say(t("org_pupil_accounts_none"), "error"); return; }
  if (!window.confirm(t("org_pupil_accounts_confirm", { count: selected.size }))) return;
  try {
    const made = await api(organizationPath(orgId, "/pupil-accounts"),
      { auth: true, method: "POST", body: { learner_ids: [...selected] } });
    selected.clear();
    offerDownload(document.getElementById("handout-download"), made.csv, made.file_name);
    document.getElementById("handout").hidden = false;
    document.getElementById("handout-state").textContent = t("org_pupil_accounts_made", { count: made.accounts.length });
    await learners.reload();
    document.getElementById("handout-download").focus();
  } catch (error) {
    say(errorMessage(error), "error");
  }
});

// --- the page ----------------------------------------------------------------------------------------

try {
  if (!orgId) throw Object.assign(new Error(""), { code: "ORGANIZATION_NOT_FOUND" });
  organization = await api(organizationPath(orgId), { auth: true });
  const mine = await api("/api/me/organizations", { auth: true });
  const role = mine.organizations.find((o) => o.id === orgId)?.role;
  document.getElementById("org-name").textContent = organization.name;
  if (!organization.manages_students || !FORMATS[organization.type]) {
    say(t("err_ORGANIZATION_MANAGES_NO_LEARNERS"), "error");
  } else {
    const title = t(`org_learners_title_${organization.type}`);
    document.getElementById("page-title").firstChild.textContent = `${title} `;
    document.title = document.title.replace(t("org_learners_title"), title);
    document.getElementById("place-header").textContent = t(organization.type === "SCO" ? "org_learners_division" : "org_learners_group");
    document.getElementById(organization.type === "SCO" ? "group" : "division").closest("div").hidden = true;
    for (const node of document.querySelectorAll("[data-school]")) node.hidden = organization.type !== "SCO";
    if (role === "ADMIN") {
      for (const node of document.querySelectorAll("[data-admin]")) node.hidden = false;
      chooseFormats();
    }
    if ((await learners.reload()) !== null) document.getElementById("content").hidden = false;
  }
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
