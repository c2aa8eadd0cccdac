// The public verification page: anyone types (or arrives with ?code=) a certificate's code and sees it.
import { api } from "../api.js";
import { messages } from "../common.js";
import { handleForm } from "../forms.js";
import { formatDate, h, t } from "../ui.js";
import { levelsTable } from "./certificate-levels.js";

const form = document.getElementById("verification-form");
const section = document.getElementById("certificate");

function fact(term, value) {
  return [h("dt", null, term), h("dd", null, value)];
}

function show(certificate) {
  document.getElementById("certificate-title").textContent =
    t("verification_found", { name: `${certificate.first_name} ${certificate.last_name}` });
  const status = certificate.status === "validated" ? messages.certificate_validated : certificate.status;
  document.getElementById("certificate-facts").replaceChildren(
    ...fact(messages.certificate_code, certificate.verification_code),
    ...fact(messages.certificate_birth_date, formatDate(certificate.birth_date)),
    ...fact(messages.certificate_date, formatDate(certificate.certification_date)),
    ...fact(messages.certificate_centre, certificate.centre_name),
    ...fact(messages.certificate_status, status),
    ...fact(messages.certificate_score, t("certificate_pix", { pix: certificate.pix, max: certificate.max_pix })),
    ...fact(messages.certificate_validity, certificate.valid
      ? t("certificate_valid_until", { date: formatDate(certificate.valid_until) })
      : t("certificate_expired", { date: formatDate(certificate.valid_until) })),
  );
  document.getElementById("certificate-levels").replaceChildren(levelsTable(certificate.domains));
  section.hidden = false;
  section.focus();
}

async function verify(code) {
  section.hidden = true;
  const certificate = await api(`/api/certificates/verification/${encodeURIComponent(code.trim())}`);
  show(certificate);
}

handleForm(form, (data) => verify(String(data.get("code"))));

const given = new URLSearchParams(window.location.search).get("code");
if (given) {
  form.elements.code.value = given;
  form.requestSubmit();
}
