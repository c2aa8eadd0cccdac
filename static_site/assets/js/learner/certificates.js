// "Mes certifications": my published certifications, newest first. Each one obtained comes with its signed PDF, its
// digital badge (Open Badges 3.0, a signed JSON Web Token) and the link anyone can open to check it; one rejected
// or cancelled says so, with the jury's comment.
import { api } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { pagedList } from "../paged-list.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { levelsTable } from "./certificate-levels.js";

const list = document.getElementById("certificates");
const live = document.getElementById("certificates-status");
const loading = document.getElementById("loading");

function say(text) {
  live.textContent = "";
  setTimeout(() => { live.textContent = text; }, 50);
}

async function downloadAttestation(code) {
  const link = await api(`/api/me/certificates/${encodeURIComponent(code)}/attestation`, { auth: true });
  window.location.assign(link.url); // valid a few minutes: asked for at each click
}

async function downloadBadge(code) {
  const signed = await api(`/api/me/certificates/${encodeURIComponent(code)}/credential`, { auth: true });
  const file = new Blob([signed.jwt], { type: signed.media_type });
  const url = URL.createObjectURL(file);
  const anchor = h("a", { href: url, download: signed.file_name, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function action(label, run) {
  const button = h("button", { type: "button", class: "secondary" }, label);
  button.addEventListener("click", async () => {
    button.setAttribute("aria-busy", "true");
    try {
      await run();
    } catch (error) {
      say(errorMessage(error));
    } finally {
      button.removeAttribute("aria-busy");
    }
  });
  return button;
}

// A certification without certificate (rejected, cancelled): its day, centre, what it means, the jury's comment.
function outcomeCard(certification) {
  return h("article", { class: "certificate" },
    h("h2", { tabindex: "-1" }, t("certificates_item_title", { date: formatDate(certification.certification_date) })),
    h("p", null, h("strong", null, t(`certificates_outcome_${certification.status}`)), " · ", certification.centre_name),
    h("p", null, messages.certificates_outcome_lead),
    certification.comment_for_candidate
      ? h("p", null, messages.certificates_jury_comment, " ", certification.comment_for_candidate) : null);
}

function card(certificate, index) {
  if (certificate.status !== "validated") return outcomeCard(certificate);
  const shareId = `share-${index}`;
  const share = h("input", { id: shareId, type: "url", readonly: true, value: certificate.verification_url });
  const copy = action(messages.certificates_copy, async () => {
    await navigator.clipboard.writeText(certificate.verification_url);
    say(messages.certificates_copied);
  });
  return h("article", { class: "certificate" },
    h("h2", { tabindex: "-1" }, t("certificates_item_title", { date: formatDate(certificate.certification_date) })),
    h("p", null, t("certificate_pix", { pix: certificate.pix, max: certificate.max_pix }), " · ",
      certificate.centre_name, " · ", t("certificate_valid_until", { date: formatDate(certificate.valid_until) })),
    h("p", null, messages.certificate_code, " : ", h("strong", null, certificate.verification_code)),
    certificate.comment_for_candidate ? h("p", null, certificate.comment_for_candidate) : null,
    h("div", { class: "actions" },
      action(messages.certificates_pdf, () => downloadAttestation(certificate.verification_code)),
      action(messages.certificates_badge, () => downloadBadge(certificate.verification_code))),
    h("label", { for: shareId }, messages.certificates_share),
    h("div", { role: "group", class: "share" }, share, copy),
    h("details", null, h("summary", null, messages.certificates_levels), levelsTable(certificate.domains)));
}

const more = h("button", { type: "button", class: "secondary", hidden: true }, messages.certificates_more);
let shown = 0; // numbers the cards' fields across pages
const certificates = pagedList({
  rows: list,
  more,
  fetchPage: (cursor) => api(`/api/me/certificates${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
    { auth: true }),
  items: (page) => page.certificates,
  row: (certificate) => card(certificate, shown++),
  onError: (error) => showLoadError(error, document.querySelector(".form-status")),
});

try {
  list.after(more);
  if (await certificates.reload() === 0) list.append(h("p", null, messages.certificates_none));
} finally {
  done(loading);
}
