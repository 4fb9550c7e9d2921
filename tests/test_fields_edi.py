"""Health care's and banking's messages in their own formats (HL7 v2, X12, DICOM dumps, NACHA ACH
files, SWIFT MT party fields, OFX statements): a value's position or its element's name says what it
is, where nothing in the value does."""

from __future__ import annotations

from collections.abc import Callable

from mask_core import MaskClient
from mask_core.fields.nacha import nacha_pairs

ADT = "\r".join(
    [
        r"MSH|^~\&|EPICADT|GOODHEALTH|SMSADT|GOODHEALTH|20240117083000||ADT^A01|MSG00001|P|2.5.1",
        "EVN|A01|20240117083000",
        "PID|1||7342561^^^GOODHEALTH^MR~536228745^^^SSA^SS||QUORVE^ZYXWVUT^A||19850323|F||2106-3|"
        "12 Harbour St^Flat 3^Leeds^^LS1 4AP^GBR||(0113) 496-0000^PRN^PH|||S||40012345|536-22-8745",
        "NK1|1|QUORVE^ILSE|SPO^Spouse|12 Harbour St^^Leeds^^LS1 4AP|+44 113 496 0001",
        "PV1|1|I|2000^2012^01||||004777^LEMAIRE^HUBERT^^^Dr|||SUR||||ADM|A0|",
        "OBX|1|TX|NOTE||Patient stable, discharged home",
    ]
)

ENROLLMENT = (
    "~\n".join(
        [
            "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*BCBSIL         *240117*0830*^*00501"
            "*000000905*0*P*:",
            "GS*BE*ACMEHEALTH*BCBSIL*20240117*0830*905*X*005010X220A1",
            "ST*834*0001*005010X220A1",
            "N1*P5*ACME CORP*FI*364512789",
            "INS*Y*18*021*28*A***FT",
            "REF*0F*881234567",
            "REF*1L*GRP778",
            "NM1*IL*1*QUORVE*ZYXWVUT*A***34*536228745",
            "PER*IP**HP*4155552671*EM*ZQ@EXAMPLE.COM",
            "N3*12 HARBOUR ST",
            "N4*SPRINGFIELD*IL*62704",
            "DMG*D8*19850323*F",
            "NM1*P3*2*GOOD HEALTH CLINIC*****XX*1234567893",
            "SE*16*0001",
        ]
    )
    + "~"
)


def test_an_hl7_message_protects_the_people_its_fields_name(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    # Nothing of the patient was protected but the phone numbers: a name, a birth date, an MRN and a
    # town say nothing of themselves outside their field.
    safe = protects(
        client, ADT,
        "QUORVE", "ZYXWVUT", "19850323", "7342561", "536228745", "Harbour", "Flat 3", "Leeds", "LS1 4AP",
        "496-0000", "40012345", "536-22-8745", "ILSE", "LEMAIRE", "HUBERT",
    )  # fmt: skip
    segments = safe.split("\r")
    assert segments[0] == ADT.split("\r")[0]  # the header's facilities and times
    pid = segments[2].split("|")
    assert len(pid) == len(ADT.split("\r")[2].split("|"))  # every field where it was
    assert pid[8] == "F" and pid[10] == "2106-3" and pid[11].endswith("^GBR")  # codes stay
    assert pid[3].count("^") == 8 and "^^^GOODHEALTH^MR~" in pid[3]
    assert segments[5] == ADT.split("\r")[5]  # an observation's text is content: nothing in it


def test_hl7_segments_on_lines_and_with_the_separators_msh_declares(client: MaskClient) -> None:
    text = "MSH#$~\\&#LAB#GH\nPID#1##7342561$$$GH$MR##QUORVE$ZYXWVUT##19850323\n"
    safe = client.tokenize_text(text)
    for value in ("QUORVE", "ZYXWVUT", "19850323", "7342561"):
        assert value not in safe, value
    assert client.detokenize_text(safe) == text


def test_an_x12_enrollment_protects_its_member_and_not_its_organisations(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    safe = protects(
        client, ENROLLMENT,
        "QUORVE", "ZYXWVUT", "536228745", "4155552671", "ZQ@EXAMPLE.COM", "HARBOUR", "SPRINGFIELD",
        "62704", "19850323", "881234567",
    )  # fmt: skip
    assert "REF*1L*GRP778~" in safe  # a group's number is the employer's
    assert "N1*P5*ACME CORP*FI*364512789~" in safe and "NM1*P3*2*GOOD HEALTH CLINIC*" in safe
    assert "N4*" in safe and "*IL*" in safe  # the state code stays
    assert safe.count("~") == ENROLLMENT.count("~")


def test_text_that_only_mentions_segment_ids_is_no_message(client: MaskClient) -> None:
    text = "Use the NM1* segment for the subscriber and PID| for the patient, per the guide."
    assert client.tokenize_text(text) == text


ACH = "\n".join(
    [
        "101 091000019 4993270172404151209A094101WELLS FARGO BANK       ACME PAYROLL INC               ",
        "5200ACME PAYROLL INC                    1499327017PPDPAYROLL   APR15 240415   1091000010000001",
        "6221251350257090806311       0000586709EMP57756       ZYXWVUT QUORVE          0091000010000001",
        "622055158091466012675        0000454470EMP12120       THESSALY ODUYA          0091000010000003",
        "820000000300205734700000000000000000011847891499327017                         091000010000001",
    ]
)


def test_an_ach_file_protects_its_receivers_accounts_and_names(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    # Every entry was in clear: the account number stands glued to the routing number, the name to
    # the padding, and only their positions say what they are.
    safe = protects(client, ACH, "7090806311", "466012675", "ZYXWVUT", "QUORVE", "THESSALY", "ODUYA")
    lines = safe.split("\n")
    assert lines[:2] == ACH.split("\n")[:2] and lines[4] == ACH.split("\n")[4]  # headers and control
    assert lines[2].startswith("622125135025") and "0000586709EMP57756" in lines[2]  # routing, amount


def test_records_of_another_width_or_without_a_header_are_no_ach_file() -> None:
    entry = ACH.split("\n")[2]
    assert nacha_pairs("5 items\n" + entry[:80] + "\n") == []  # not 94 characters
    assert nacha_pairs("notes\n" + entry + "\n") == []  # no file or batch header before it
    assert [p.key for p in nacha_pairs(ACH)] == ["account_number", "account_holder_name"] * 2


def test_a_swift_party_field_s_numbered_lines_are_protected(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    mt103 = (
        "{4:\n:20:REF123\n:32A:240417EUR1234,52\n:50F:/FR1437616206410000000000000\n1/ZYXWVUT QUORVE\n"
        "2/289, BOULEVARD PREVOST\n3/FR/02944 FERREIRABOURG\n4/19850323\n:52A:DEUTDEFF\n:71A:SHA\n-}"
    )
    safe = protects(client, mt103, "ZYXWVUT", "QUORVE", "PREVOST", "02944", "FERREIRABOURG", "19850323")
    assert "\n3/FR/" in safe and ":52A:DEUTDEFF\n:71A:SHA\n-}" in safe  # the country code and the banks


def test_an_ofx_statement_s_account_and_payees_are_protected(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    ofx = (
        "OFXHEADER:100\n<OFX>\n<BANKACCTFROM>\n<BANKID>077768016\n<ACCTID>711646277\n<ACCTTYPE>CHECKING\n"
        "</BANKACCTFROM>\n<STMTTRN>\n<TRNAMT>-50.00\n<NAME>ZELLE TO JHQUYRE TZEQUARA\n"
        "<MEMO>Zelle payment to Tzequara Jhquyre Conf# SVMYLR5P1\n</STMTTRN>\n</OFX>"
    )
    safe = protects(client, ofx, "711646277", "JHQUYRE", "TZEQUARA")
    assert "<ACCTTYPE>CHECKING" in safe and "<TRNAMT>-50.00" in safe and "Conf# SVMYLR5P1" in safe


def test_a_dicom_dump_protects_the_patient_and_the_physicians(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    dump = (
        "(0008,0020) DA [20240811]                             #   8, 1 StudyDate\n"
        "(0008,0090) PN [VROORVENNE^YVENENNE^^DR]              #  23, 1 ReferringPhysicianName\n"
        "(0008,1030) LO [CHEST PA AND LATERAL]                 #  20, 1 StudyDescription\n"
        "(0010,0010) PN [QUORVE^ZYXWVUT]                       #  14, 1 PatientName\n"
        "(0010,0020) LO [59791549]                             #   8, 1 PatientID\n"
        "(0010,0030) DA [20051103]                             #   8, 1 PatientBirthDate\n"
        "(0010,0040) CS [F]                                    #   1, 1 PatientSex\n"
        "(0010, 0010) Patient's Name                      PN: 'QUORVE^ZYXWVUT'\n"
    )
    safe = protects(client, dump, "VROORVENNE", "QUORVE", "ZYXWVUT", "59791549", "20051103")
    assert "[20240811]" in safe and "[CHEST PA AND LATERAL]" in safe and "CS [F]" in safe
