"""The built-in vocabulary of field names: what a key says about the value under it.

Every name here is written as the compact form of its words (``fields/keys.py``): ``first_name``,
``firstName`` and ``FirstName`` are all ``firstname``. A name is matched on its last words first, so
``billing_email`` and ``customer_email_address`` find ``email`` and ``emailaddress``; what comes before
the matched words is a *qualifier* (``billing``, ``customer``) that :mod:`mask_core.fields.rules` may read.

The names come from the objects of public APIs that tools return (Stripe, Shopify, HubSpot,
Salesforce, Zendesk, Twilio, FHIR R4, Google People, Microsoft Graph), SQL and HR column conventions,
and their Spanish forms. Two kinds of entries:

* ``TYPED``: the value is of this entity type whatever it looks like (a name no model knows, a phone
  number with an unassigned area code, an address in any layout).
* ``NEVER``: codes and enumerations (``currency``, ``country_code``, ``status``): the value is never
  sensitive and is not scanned, which keeps ``EUR`` from being an organisation and ``NO`` a place.

Names that mean different things in different records (``name``, ``first``, ``number``, ``value``,
``line``) are not here: the rules decide them from the path above the key and the keys beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "CONTAINERS",
    "DESCRIPTIVE",
    "NAME_PARTS",
    "NEVER",
    "NOT_PERSON",
    "ORG_SCOPE",
    "PARTIES",
    "PERSON_SCOPE",
    "TYPED",
    "VALUE_KEYS",
]


def _table(groups: Mapping[str, Iterable[str]]) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for entity_type, names in groups.items():
        for name in names:
            assert name not in out, name  # one meaning per name
            out[name] = entity_type
    return MappingProxyType(out)


# fmt: off
#: Field names whose value is of the entity type, whatever its content.
TYPED: Mapping[str, str] = _table(
    {
        "PERSON": (
            "firstname", "givenname", "forename", "fname", "lastname", "surname", "familyname", "lname",
            "middlename", "middlenames", "middleinitial", "fullname", "legalname", "maidenname",
            "nickname", "preferredname", "displayname", "realname", "realnamenormalized",
            "displaynamenormalized", "cardholder", "cardholdername", "holdername",
            "accountholder", "accountholdername", "beneficiaryname", "payeename", "recipientname",
            "sendername", "customername", "contactname", "patientname",
            "emergencycontact", "nextofkin", "spousename", "guardianname", "mothername",
            "fathername", "mothersmaidenname", "supervisor", "supervisorname", "manager", "managername",
            "reportsto", "debtorname", "creditorname", "namefirst", "namelast", "namemiddle", "namefull",
            "nameline", "spousesname", "receivedbyname", "signername", "signatoryname",
            # Spanish
            "nombre", "nombres", "apellido", "apellidos", "primerapellido", "segundoapellido",
            "nombrecompleto", "titular", "nombretitular",
            # German, French, Italian, Portuguese, Dutch: the form labels of the catalogue's countries
            "vorname", "nachname", "familienname", "geburtsname", "prenom", "nomdefamille",
            "nomdenaissance", "cognome", "sobrenome", "nomecompleto", "voornaam", "achternaam",
        ),
        "EMAIL_ADDRESS": (
            "email", "mail", "emailaddress", "emailaddr", "mailaddress", "correo", "correoelectronico",
            "replyto",
        ),
        "PHONE_NUMBER": (
            "phone", "phonenumber", "phoneno", "tel", "telephone", "telephonenumber", "mobile",
            "mobilephone", "mobilenumber", "cell", "cellphone", "cellular", "msisdn", "fax",
            "faxnumber", "homephone", "workphone", "businessphone", "otherphone", "contactnumber",
            "whatsapp", "telefono", "movil", "celular", "telefonomovil", "numerotelefono",
            "telefon", "telefonnummer", "handy", "handynummer", "mobilnummer", "mobiltelefon",
            "numerodetelephone", "telephoneportable", "cellulare", "telefone", "telefoonnummer",
            "mobielnummer", "landline", "landlinenumber", "dialnumber",
            # a call record's parties (a phone bill's call detail, a PBX's CDR)
            "callednumber", "callingnumber", "dialednumber", "diallednumber", "destinationnumber",
            "originatingnumber", "callernumber", "calleenumber",
        ),
        "STREET_ADDRESS": (
            "address", "addr", "streetaddress", "addressline", "street", "streetline", "streetname",
            "housenumber", "housenum", "buildingnumber", "apartment", "apt",
            "mailingstreet", "billingstreet", "shippingstreet", "otherstreet", "homeaddress",
            "postaladdress", "mailingaddress", "residentialaddress", "addresscomposite", "direccion",
            "domicilio",
            "calle",
            "anschrift", "adresse", "strasse", "straße", "hausnummer", "wohnadresse", "indirizzo",
            "endereco", "logradouro", "adres", "straat", "huisnummer",
            # ISO 20022 (SEPA, pain.001, camt.053): a party's postal address
            "strtnm", "bldgnb", "adrline",
        ),
        "LOCATION": (
            "city", "town", "locality", "municipality", "village", "suburb", "neighborhood",
            "neighbourhood", "district", "colonia", "postcode", "postalcode", "zip", "zipcode",
            "postal", "cityname", "townname", "latitude", "longitude", "lat", "lng", "lon", "long",
            "geo", "coordinates", "coords", "geolocation", "ciudad", "localidad", "municipio",
            "codigopostal", "cp", "poblacion", "birthplace", "placeofbirth", "cityofbirth", "twnnm", "pstcd",
            "ort", "wohnort", "stadt", "postleitzahl", "plz", "ville", "codepostal", "citta",
            "localita", "comune", "cidade", "cep", "woonplaats", "plaats", "postcodenummer",
            # Address components below the state, numbered from it (PayPal's ``admin_area_2`` is the
            # city, Google's ``administrative_area_level_2`` the county); level 1 is in NEVER.
            "adminarea", "administrativearealevel", "administrativedistrictlevel",
        ),
        "DATE_OF_BIRTH": (
            "dob", "birthdate", "dateofbirth", "birthday", "birthdt", "bday", "born", "birth",
            "fechanacimiento", "fechadenacimiento", "nacimiento",
            "geburtsdatum", "geburtstag", "datedenaissance", "datadinascita", "datadenascimento",
            "datanascimento", "geboortedatum",
        ),
        "US_SSN": ("ssn", "socialsecuritynumber", "socialsecurity", "socialsecurityno", "ssnumber"),
        "NATIONAL_ID": (
            "nationalid", "nationalidnumber", "nationalidentifier", "idnumber", "identitynumber",
            "identitycardnumber", "idcardnumber", "taxid", "taxidnumber", "tin", "taxpayerid",
            "personalnumber", "personnummer", "fodselsnummer", "cpr", "bsn", "cpf", "curp", "rfc",
            "nir", "codicefiscale", "steuerid", "steueridentifikationsnummer", "aadhaar", "tfn",
            "govid", "governmentid", "nin", "cnp", "ppsn", "ppsnumber", "pesel", "personalcode",
            "identificationnumber", "documentnumber", "docnumber", "idcard", "identitydocumentnumber",
        ),
        "US_ITIN": ("itin",),
        "US_EIN": ("ein", "employeridentificationnumber", "fein"),
        "UK_NINO": ("nino", "ninumber", "nationalinsurancenumber"),
        "CA_SIN": ("sin", "socialinsurancenumber"),
        "ES_NIF": ("nif", "dni"),
        "ES_NIE": ("nie",),
        "ES_NUSS": ("nuss", "numeroseguridadsocial", "naf"),
        "PASSPORT": ("passport", "passportnumber", "passportno", "pasaporte", "mrz", "mrzline"),
        "US_DRIVER_LICENSE": (
            "driverslicense", "driverlicense", "driverslicence", "driverlicence", "dlnumber",
            "licensenumber", "licencenumber", "drivinglicence", "drivinglicense",
        ),
        "CREDIT_CARD": (
            "card", "cardnumber", "cardno", "pan", "ccnumber", "creditcard", "creditcardnumber", "debitcard",
            "cvv", "cvc", "cvv2", "cvc2", "securitycode", "cardsecuritycode", "cardcode",
            "cardverificationvalue", "numerotarjeta", "tarjeta", "cvvnumber", "cvcnumber", "cvv2number",
        ),
        "IBAN_CODE": ("iban", "ibancode", "ibannumber"),
        "US_BANK_NUMBER": (
            "accountnumber", "bankaccount", "bankaccountnumber", "acctnumber", "acctno", "accountno",
            "sortcode", "numerocuenta", "cuentabancaria", "clabe", "acctid",
        ),
        "ABA_ROUTING_NUMBER": ("routingnumber", "aba", "abanumber", "routingno", "transitnumber"),
        "IP_ADDRESS": (
            "ip", "ipaddress", "ipaddr", "ipv4", "ipv6", "clientip", "remoteip", "remoteaddr",
            "remoteaddress", "lastip", "lastloginip", "signupip", "xforwardedfor", "sourceip",
        ),
        "MEDICAL_RECORD_NUMBER": ("mrn", "medicalrecordnumber", "medicalrecordno", "patientid"),
        "HEALTH_INSURANCE_ID": (
            "memberid", "membernumber", "insuranceid", "insurancenumber", "policynumber",
            "subscriberid", "healthplanid", "medicaid", "medicare", "medicarenumber",
        ),
        "USERNAME": (
            "username", "userlogin", "login", "loginname", "loginid", "logonname", "screenname",
            "samaccountname", "userhandle", "socialhandle", "twitterhandle", "instagramhandle",
            "nombreusuario", "nombredeusuario", "skype", "skypeid", "skypename", "twitterid",
            "twitterusername", "facebookid", "telegram", "telegramusername",
        ),
        "US_NPI": ("npi",),
        "PASSWORD": (
            "password", "passwd", "pwd", "pw", "passcode", "passwordhash", "hashedpassword", "passhash",
            "pin", "pincode", "otp", "securityanswer", "contrasena", "clave",
            # the codes that open a door, a gate or a lock box (a rental's check-in instructions)
            "doorcode", "gatecode", "entrycode", "accesscode", "lockboxcode", "keycode", "alarmcode",
            "keypadcode", "verificationcode", "otpcode", "mfacode", "smscode", "twofactorcode",
            "recoverycode", "backupcode", "resetcode",
        ),
        "API_KEY": (
            "apikey", "apisecret", "secret", "secretkey", "clientsecret", "accesskey", "secretaccesskey",
            "signingsecret", "webhooksecret",
        ),
        "OAUTH_TOKEN": (
            "token", "accesstoken", "refreshtoken", "idtoken", "authtoken", "bearertoken",
            "sessiontoken", "sessionid", "sessionkey", "authorization", "cookie", "apitoken",
        ),
        "PRIVATE_KEY": ("privatekey", "sshkey", "signingkey"),
        "EMPLOYEE_ID": (
            "employeeid", "employeenumber", "employeeno", "staffid", "staffnumber", "badgenumber",
            "badgeid", "personnelnumber", "workerid", "numeroempleado",
        ),
        "ORGANIZATION": ("company", "companyname", "employer", "employername", "organization",
                         "organisation", "organizationname", "workplace", "empresa"),
    }
)
# fmt: on

#: Codes and enumerations: never sensitive, never scanned.
#: The value a rule gives a field whose values are never sensitive (``extra={"sku": NEVER_SENSITIVE}``).
NEVER_SENSITIVE = "never"

NEVER: frozenset[str] = frozenset(
    {
        "currency", "currencycode", "country", "countrycode", "countryiso", "state", "statecode",
        "province", "provincecode", "region", "regioncode", "adminarea1", "administrativearealevel1",
        "administrativedistrictlevel1", "status", "object", "type", "kind",
        "brand", "funding", "network", "locale", "language", "lang", "timezone", "tz", "mimetype",
        "contenttype", "method", "interval", "gender", "sex", "use", "rank", "tzlabel", "tzname",
        "timezonename", "timezonelabel", "connection",
        "last4", "lastfour", "first6", "bin", "iin", "expmonth", "expyear", "expiry", "expiration",
        "messageid", "internetmessageid", "inreplyto", "references", "contentid", "icaluid",
        "useragent", "version", "apiversion", "sku",
        "currencyiso", "pais", "estado", "provincia", "moneda",
        # a bank's identifier, not a person's
        "bic", "swift", "swiftcode", "swiftbic",
        # the numbers a business gives a transaction, not a person's (``"receipt_number": "1041-2637"``
        # reads as a phone number in several plans)
        "receiptnumber", "invoicenumber", "ordernumber", "confirmationnumber", "trackingnumber",
        "transactionnumber", "shipmentnumber", "tracenumber",
        # a digest of a value, made to be compared without revealing it (Stripe's card fingerprint)
        "fingerprint",
        # pagination and continuation tokens are cursors, not credentials
        "pagetoken", "nextpagetoken", "nexttoken", "continuationtoken", "cursor", "synctoken",
        "csrftoken",
    }
)  # fmt: skip

#: Descriptive fields whose words are about a role or a thing, not a person: names a model reads in
#: them (``VP Sales``, ``Blue Mug``, ``Referral``) are not people or companies to protect, so the NER
#: tier skips them; what the deterministic tier validates (an e-mail, a card) is still found.
DESCRIPTIVE: frozenset[str] = frozenset(
    {
        "title", "jobtitle", "job", "position", "role", "department", "dept", "division", "team",
        "industry", "leadsource", "source", "relationship", "relation", "category", "categories",
        "tag", "tags", "label", "labels", "productname", "producttitle", "itemname", "itemtitle",
        "variantname", "varianttitle", "vendor", "brandname", "bankname", "planname", "rate",
        "payrate", "salary", "amount", "price", "total", "subtotal", "cost", "fee", "unit", "channel",
        "subject", "topic", "priority", "severity", "frequency", "specialty", "qualification",
        "occupation", "profession", "degree", "managingorganization", "issuer", "designation",
        "headline",
    }
)  # fmt: skip

#: Keys naming a party to a message, a call or a transfer (Twilio ``from``/``to``, e-mail headers). Their
#: value is a phone number, an address or a name, or something else entirely (``{"from": "2024-01-01",
#: "to": "2024-01-31"}``, ``{"from": "USD", "to": "EUR"}``), so the key types a value only when it is
#: shaped like a phone number (:func:`mask_core.fields.values.phone_shaped`).
PARTIES: frozenset[str] = frozenset(
    {"from", "to", "sender", "recipient", "caller", "callee", "callerid", "originator", "replyto",
     "fromformatted", "toformatted", "fromnumber", "tonumber", "forwardedfrom", "answeredby", "cc",
     "bcc", "para", "remitente", "destinatario"}
)  # fmt: skip

#: Words before ``name`` (or above it in the path) that make it a person's name.
PERSON_SCOPE: frozenset[str] = frozenset(
    {
        "customer", "customers", "user", "users", "contact", "contacts", "patient", "patients",
        "person", "people", "persons", "employee", "employees", "staff", "member", "members",
        "client", "billing", "shipping", "holder", "cardholder", "owner", "recipient", "sender",
        "beneficiary", "payee", "payer", "guardian", "spouse", "author", "requester", "assignee",
        "submitter", "reporter", "applicant", "candidate", "student", "teacher", "doctor",
        "physician", "practitioner", "nurse", "driver", "passenger", "guest", "buyer", "traveler",
        "traveller", "subscriber", "insured", "policyholder", "signer", "witness", "attendee", "dasher",
        "courier",
        "emergency", "parent", "mother", "father", "child", "kin", "legal", "maiden", "preferred",
        "full", "first", "last", "given", "family", "middle", "real", "birth", "lead", "prospect",
        "cliente", "usuario", "paciente", "empleado", "titular", "remitente",
        "destinatario", "from", "to", "cc", "bcc", "replyto", "organizer", "caller", "callee",
        "agent", "profile", "identity", "debtor", "remitter", "originator",
    }
)  # fmt: skip

#: Words before ``name`` (or above it) that make it a thing's name, not a person's.
NOT_PERSON: frozenset[str] = frozenset(
    {
        "product", "products", "item", "items", "line", "lines", "lineitems", "variant", "sku",
        "file", "files", "event", "events", "plan", "price", "merchant", "vendor", "store", "shop",
        "app", "application", "bank", "team", "group", "project", "tag", "tags", "category",
        "field", "template", "queue", "channel", "workspace", "host", "server", "domain", "bucket",
        "table", "column", "index", "service", "device", "model", "feature", "metric", "job",
        "task", "repo", "repository", "branch", "package", "module", "function", "class",
        "collection", "method", "rate", "tax", "discount", "coupon", "brand", "currency", "purchase",
        "campaign", "list", "segment", "pipeline", "stage", "form", "property",
        "course", "room", "city", "country", "state", "region", "street", "venue", "display",
        # the software an event came from (Sentry's contexts, Segment's library): "Mobile Safari"
        "browser", "os", "runtime", "sdk", "library", "platform", "framework", "plugin", "credential",
        # the steps and boards of a workflow, a rental's listing
        "step", "listing", "sprint", "board", "workflow", "folder", "report", "dashboard", "page",
        "environment", "cluster", "database", "schema",
    }
)  # fmt: skip

#: Words before or above ``name`` that make it an organisation's name.
ORG_SCOPE: frozenset[str] = frozenset(
    {"company", "organization", "organisation", "employer", "business", "account", "firm", "empresa"}
)

#: The parts of a structured person name (``{"first": ..., "last": ...}``, FHIR ``given``/``family``).
NAME_PARTS: frozenset[str] = frozenset(
    {"first", "last", "given", "family", "middle", "full", "text", "formatted", "display",
     "unstructured", "displayname", "givenname", "familyname", "firstname", "lastname", "middlename"}
)  # fmt: skip

#: Keys that hold "the value" of a container typed by its own key or a sibling
#: (``phone: {number: ...}``, FHIR ``telecom[]: {system: phone, value: ...}``).
VALUE_KEYS: frozenset[str] = frozenset(
    {"value", "number", "text", "data", "raw", "formatted", "display", "canonical", "canonicalform",
     "e164", "national", "international", "full", "address", "no", "digits", "string", "content",
     # a reference's text as shown: ServiceNow's ``display_value``, Workday's ``descriptor``
     "displayvalue", "descriptor"}
)  # fmt: skip

#: Container keys and what their children are: ``address`` children resolve as address parts,
#: ``name`` children as name parts, ``card`` children as card data.
CONTAINERS: Mapping[str, str] = MappingProxyType(
    {
        "address": "address", "addresses": "address", "billingaddress": "address",
        "shippingaddress": "address", "homeaddress": "address", "mailingaddress": "address",
        "postaladdress": "address", "residence": "address", "direccion": "address",
        "domicilio": "address",
        "name": "name", "names": "name", "personname": "name", "fullname": "name", "nombre": "name",
        "card": "card", "creditcard": "card", "paymentcard": "card", "debitcard": "card",
        "tarjeta": "card",
        "bankaccount": "bank", "account": "bank", "cuenta": "bank",
        "telecom": "contactpoint", "contactpoint": "contactpoint", "contactpoints": "contactpoint",
        "identifier": "identifier", "identifiers": "identifier", "identification": "identifier",
        "documents": "identifier", "document": "identifier",
    }
)  # fmt: skip
