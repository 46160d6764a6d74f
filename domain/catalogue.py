"""The one catalogue of user-facing text, in Swedish and English.

Every message the domain, the command line and the UI show is a key here with its
Swedish and English template. ``translate(key, lang, **params)`` fills in the template.
"""

from __future__ import annotations

import string
from typing import Any, Final

from domain.rules import rule_texts

# key → (Swedish, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # Each rule's refusals and checks are in its record (domain/rules.py).
    **rule_texts(),
    # Refusals --------------------------------------------------------------------------
    "refusal.rule": (
        "Avvisat enligt {code}: {detail}. Policyn: ”{quote_sv}” ({quote_en})",
        "Refused under {code}: {detail}. The policy: “{quote_sv}” ({quote_en})",
    ),
    "refusal.duplicate": (
        "{kind} {key} finns redan i liggaren",
        "the {kind} {key} is already in the ledger",
    ),
    "refusal.unknown": (
        "{kind} {key} finns inte i liggaren",
        "the {kind} {key} is not in the ledger",
    ),
    "refusal.date_before": (
        "{subject}: {field} {day} ligger före {other}",
        "{subject}: {field} {day} is before {other}",
    ),
    "refusal.already_ended": (
        "{subject} avslutades redan {day}",
        "{subject} was already ended on {day}",
    ),
    "refusal.already_completed": (
        "insatsen {ref} avslutades redan {day}",
        "effort {ref} was already completed on {day}",
    ),
    # ui (issue 19): outcomes are counted among the participants reported
    "refusal.outcomes_exceed_participants": (
        "insatsen {ref} har {outcomes} resultat för {period} men bara {participants} "
        "deltagare rapporterade för perioden",
        "effort {ref} would have {outcomes} outcomes for {period} but only {participants} "
        "participants reported for that period",
    ),
    "refusal.already_left": (
        "medlemskapet {ref} upphörde redan {day}",
        "membership {ref} already ended on {day}",
    ),
    "refusal.partner_already_onboarded": (
        "partnern {org_nr} är redan antagen",
        "partner {org_nr} is already onboarded",
    ),
    "refusal.partner_not_onboarded": (
        "partnern {org_nr} är inte antagen",
        "partner {org_nr} is not onboarded",
    ),
    "refusal.activity_held": (
        "aktiviteten {ref} genomfördes redan {day}",
        "activity {ref} was already held on {day}",
    ),
    "refusal.activity_cancelled": (
        "aktiviteten {ref} är inställd",
        "activity {ref} is cancelled",
    ),
    "refusal.duplicate_voucher": (
        "verifikationen {voucher} är redan bokförd mot {ref}",
        "voucher {voucher} is already recorded against {ref}",
    ),
    "refusal.duplicate_action": (
        "åtgärden {action} finns redan i handlingsplanen {year}",
        "action {action} is already in the {year} action plan",
    ),
    "refusal.unknown_action": (
        "åtgärden {action} finns inte i handlingsplanen {year}",
        "action {action} is not in the {year} action plan",
    ),
    "refusal.action_closed": (
        "åtgärden {action} är redan {status}",
        "action {action} is already {status}",
    ),
    # Corrections: reversal, correction of a fact, void (domain/correcting.py) ----------
    "refusal.voided": (
        "{kind} {key} är makulerad: inget mer kan registreras på den",
        "the {kind} {key} is void: nothing more can be recorded on it",
    ),
    "refusal.void_depends": (
        "{kind} {key} kan inte makuleras, det här bygger på den: {dependents}",
        "the {kind} {key} cannot be voided, these depend on it: {dependents}",
    ),
    "refusal.correction_same": (
        "{kind} {key} har redan det värdet i {field}: inget att rätta",
        "the {kind} {key} already has that {field}: nothing to correct",
    ),
    "refusal.already_reversed": (
        "utgiften {ref} är redan återförd",
        "expenditure {ref} is already reversed",
    ),
    "refusal.correction_after_payment": (
        "{ref} kan inte rättas till beslutsdagen {day}: utbetalningen {voucher} gjordes "
        "redan {paid_on}",
        "{ref} cannot be corrected to a decision date of {day}: payment {voucher} was "
        "made on {paid_on}",
    ),
    # privacy: redaction (issue 15).
    "refusal.redact_no_event": (
        "det finns ingen händelse på position {position}",
        "there is no event at position {position}"),
    "refusal.redact_a_redaction": (
        "händelsen på position {position} är en maskering; den kan inte maskeras",
        "the event at position {position} is a redaction; it cannot be redacted"),
    "refusal.redact_no_text": (
        "händelsen på position {position} har inget textfält {field}",
        "the event at position {position} has no text field {field}"),
    "refusal.redact_empty": (
        "fältet {field} i händelsen på position {position} är redan tomt",
        "field {field} of the event at position {position} is already empty"),
    # business dates (issue 14)
    "refusal.dated_conflict": (
        "{what} {ref} daterat {day} strider mot redan registrerade beslut: {conflicts}",
        "{what} {ref} dated {day} conflicts with decisions already recorded: {conflicts}",
    ),
    # Invalid input ---------------------------------------------------------------------
    "invalid.not_a_party": (
        "fältet {field}: {value} är inte en part ({parties})",
        "field {field}: {value} is not a party ({parties})",
    ),
    "invalid.field": (
        "fältet {field}: {detail}",
        "field {field}: {detail}",
    ),
    # Format rules of values (domain/values.py, issue 16) ---------------------------------
    "value.org_nr_form": ("organisationsnumret {value!r} ska skrivas NNNNNN-NNNN eller med tio "
                          "siffror", "org number {value!r} must be NNNNNN-NNNN or ten digits"),
    "value.org_nr_third_digit": ("organisationsnumret {value!r} ska ha 2 eller mer som tredje "
                                 "siffra", "org number {value!r} must have a third digit of 2 "
                                 "or more"),
    "value.org_nr_luhn": ("organisationsnumret {value!r} har fel kontrollsiffra (Luhn)",
                          "org number {value!r} fails the Luhn check"),
    "value.amount_boolean": ("beloppet ska vara en sträng eller ett heltal, inte true/false",
                             "amount must be a string or an integer, not a boolean"),
    "value.amount_positive": ("beloppet ska vara större än noll",
                              "amount must be greater than zero"),
    "value.amount_form": ("beloppet {value!r} ska vara kronor med högst två decimaler "
                          "(1234,50 eller 1 234.50)", "amount {value!r} must be kronor with at "
                          "most two decimals (1234.50 or 1 234,50)"),
    "value.amount_bound": ("beloppet är för stort: högst {bound} kr",
                           "the amount is too large: at most {bound} kr"),
    "value.period_form": ("perioden {value!r} ska vara ÅÅÅÅ, ÅÅÅÅ-Qn eller ÅÅÅÅ-MM",
                          "period {value!r} must be YYYY, YYYY-Qn or YYYY-MM"),
    "value.period_month": ("perioden {value!r} har ingen månad {month}",
                           "period {value!r} has no month {month}"),
    "value.report_period_form": ("perioden {value!r} ska vara ett år (2026) eller ett kvartal "
                                 "(2026-Q1)", "period {value!r} must be a year (2026) or a "
                                 "quarter (2026-Q1)"),
    "value.date_window": ("{value} ligger utanför åren {first}–{last}",
                          "{value} lies outside the years {first}–{last}"),
    "value.text_control": ("innehåller ett styr- eller formattecken ({code}, tecken "
                           "{position}) som inte syns", "holds a control or format character "
                           "({code}, character {position}) that cannot be seen"),
    "value.text_blank": ("är tomt (bara blanksteg)", "is blank (only whitespace)"),
    "value.text_whitespace": ("börjar eller slutar med blanksteg; ta bort dem",
                              "begins or ends with whitespace; remove it"),
    "invalid.value": ("fältet {field}: {detail}", "field {field}: {detail}"),
    "invalid.supervisor_purpose": (
        "fältet {field}: {purpose} betalas med {paying}, inte {command}",
        "field {field}: {purpose} is paid with {paying}, not {command}"),
    "invalid.legal_form_needed": (
        "fältet {field} krävs när {other} är {value}",
        "field {field} is required when {other} is {value}"),
    "invalid.linked_ref_needed": ("fältet {field} krävs för syftet {purpose}",
                                  "field {field} is required for purpose {purpose}"),
    "refusal.ends_before_start": ("{field} {day} ligger före {start_field} ({start})",
                                  "{field} {day} is before {start_field} ({start})"),
    "refusal.in_future": (
        "{field} {day} ligger efter i dag ({today}): det som har gjorts kan inte registreras "
        "i förväg",
        "{field} {day} is after today ({today}): what has been done cannot be recorded in "
        "advance"),
    # msgspec's messages by kind (domain/library_messages.py, issue 16) -------------------
    "invalid.key_in": ("en nyckel i fältet {field}: {detail}", "a key in field {field}: {detail}"),
    "msgspec.expected": ("ska vara {want}, inte {got}", "must be {want}, not {got}"),
    "msgspec.bound": ("ska vara {want} {op} {n}", "must be {want} {op} {n}"),
    "msgspec.length": ("ska vara {want} med längd {op} {n}", "must be {want} of length {op} {n}"),
    "msgspec.pattern": ("har inte rätt form (mönstret {pattern})",
                        "does not have the right form (the pattern {pattern})"),
    "msgspec.enum": ("{value} är inget av de tillåtna värdena (se asfledger schema)",
                     "{value} is not one of the allowed values (see asfledger schema)"),
    "msgspec.value": ("{value} är inget känt värde (se asfledger schema)",
                      "{value} is not a known value (see asfledger schema)"),
    "msgspec.missing": ("fältet {name} saknas", "the field {name} is missing"),
    "msgspec.unknown": ("fältet {name} finns inte i kommandot",
                        "the command has no field {name}"),
    "msgspec.date": ("är inget giltigt datum (ÅÅÅÅ-MM-DD)", "is not a valid date (YYYY-MM-DD)"),
    "msgspec.out_of_range": ("talet är för stort", "the number is too large"),
    "msgspec.truncated": ("raden tar slut mitt i JSON-objektet",
                          "the line ends in the middle of the JSON object"),
    "msgspec.malformed": ("JSON är felaktig: {what} (byte {byte} på raden)",
                          "JSON is malformed: {what} (byte {byte} of the line)"),
    "json.invalid_character": ("ett otillåtet tecken", "an invalid character"),
    "json.trailing": ("tecken efter objektets slut", "characters after the end of the object"),
    "json.trailing_comma": ("ett kommatecken för mycket", "a trailing comma"),
    "json.expected_comma_brace": ("',' eller '}' förväntades", "expected ',' or '}'"),
    "json.expected_comma_bracket": ("',' eller ']' förväntades", "expected ',' or ']'"),
    "json.expected_colon": ("':' förväntades", "expected ':'"),
    "json.expected_quote": ("'\"' förväntades", "expected '\"'"),
    "json.keys_strings": ("nycklar ska vara strängar", "object keys must be strings"),
    "json.bad_escape": ("en ogiltig escape-sekvens i en sträng",
                        "an invalid escape sequence in a string"),
    "json.bad_utf8": ("ogiltig UTF-8", "invalid UTF-8"),
    "json.invalid_number": ("ett ogiltigt tal", "an invalid number"),
    "json.number_range": ("ett tal utanför tillåtet intervall", "a number out of range"),
    "type.int": ("ett heltal", "an integer"),
    "type.str": ("en sträng", "a string"),
    "type.bool": ("true eller false", "true or false"),
    "type.object": ("ett objekt", "an object"),
    "type.array": ("en lista", "an array"),
    "type.null": ("null", "null"),
    "type.float": ("ett decimaltal", "a decimal number"),
    "type.date": ("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
    "type.int_or_str": ("ett heltal eller en sträng", "an integer or a string"),
    # Import and command line -------------------------------------------------------------
    "import.where": ("rad {line}{command}", "line {line}{command}"),
    "import.not_utf8": ("raden är inte UTF-8-text", "the line is not UTF-8 text"),
    "line.too_long": ("raden är {size} byte, mer än gränsen {limit} byte",
                      "the line is {size} bytes, more than the limit of {limit} bytes"),
    "line.too_deep": ("raden är nästlad djupare än {limit} nivåer, mer än något kommando "
                      "behöver", "the line is nested deeper than {limit} levels, more than "
                      "any command needs"),
    "line.duplicate_key": ("fältet {key} förekommer två gånger i samma objekt",
                           "the field {key} occurs twice in the same object"),
    "line.bom": ("raden börjar med ett BOM-tecken (U+FEFF) mitt i filen; spara filen som "
                 "UTF-8 utan BOM", "the line begins with a byte order mark (U+FEFF) in the "
                 "middle of the file; save the file as UTF-8 without BOM"),
    "import.applied": ("registrerade {commands:|kommando|kommandon}, {events:|händelse|händelser}",
                       "applied {commands:|command|commands}, {events:|event|events}"),
    "import.dry_run": ("provkörning: {commands:|kommando|kommandon} skulle godtas, inget skrevs",
                       "dry run: {commands:|command|commands} would be accepted, nothing was "
                       "written"),
    # The progress line of a long import (on a terminal's stderr only; --quiet: none).
    "import.progress": (
        "{decided} kommandon prövade, {written} händelser skrivna, {rate} händelser/s",
        "{decided} commands decided, {written} events written, {rate} events/s"),
    "checkpoint.not_one": (
        "{source} är ingen asfledger-kontrollpunkt (första raden ska vara '{header}')",
        "{source} is not an asfledger checkpoint (its first line must be '{header}')"),
    "checkpoint.not_a_field": (
        "{source}: rad {number} ({line}) är inget fält i en kontrollpunkt ({fields})",
        "{source}: line {number} ({line}) is not a checkpoint field ({fields})"),
    "checkpoint.twice": ("{source}: fältet {field} står två gånger",
                         "{source}: the field {field} occurs twice"),
    "checkpoint.after_signature": (
        "{source}: rad {number} kommer efter signaturen, som ska vara sista raden",
        "{source}: line {number} comes after the signature, which must be the last line"),
    "checkpoint.missing": ("{source}: fältet {field} saknas",
                           "{source}: the field {field} is missing"),
    "checkpoint.bad_value": ("{source}: fältet {field} har ett ogiltigt värde ({value})",
                             "{source}: the field {field} has an invalid value ({value})"),
    "cli.option_unreadable": ("{option} {path}: {error}", "{option} {path}: {error}"),
    "cli.demo_years": ("--years ska vara mellan 1 och 20", "--years must be between 1 and 20"),
    "cli.option_text": ("{option}: {problem}", "{option}: {problem}"),
    "cli.option_personal_number": (
        "{option}: innehåller ett personnummer eller samordningsnummer (R7); rapporten "
        "namnger ingen med nummer",
        "{option}: holds a personal identity or coordination number (R7); the report names "
        "no one by number"),
    "cli.actor_text": ("den som registrerar ({source}) {problem}",
                       "the actor ({source}) {problem}"),
    "cli.actor_source.option": ("--actor", "--actor"),
    "cli.actor_source.env": ("$ASFLEDGER_ACTOR", "$ASFLEDGER_ACTOR"),
    "cli.actor_source.os_user": ("operativsystemets användarnamn", "the OS user name"),
    "cli.file_unreadable": ("kan inte läsa {path}: {error}", "cannot read {path}: {error}"),
    "cli.demo_not_empty": (
        "liggaren har redan {events:|händelse|händelser}; demohistorik fylls bara i en tom "
        "liggare",
        "the ledger already has {events:|event|events}; the demo history only fills an empty "
        "ledger"),
    "cli.demo_done": (
        "demohistorik: {commands:|kommando|kommandon}, {events:|händelse|händelser}",
        "demo history: {commands:|command|commands}, {events:|event|events}"),
    "cli.bad_date": ("{value} är inget datum (ÅÅÅÅ-MM-DD)", "{value} is not a date (YYYY-MM-DD)"),
    "cli.storage": ("lagringsfel: {detail}", "storage problem: {detail}"),
    # Inputs (issue 16): arguments, output files, library messages by kind ------------------
    "cli.usage": ("{prog}: {detail} (se {prog} --help)", "{prog}: {detail} (see {prog} --help)"),
    "argparse.required": ("följande argument krävs: {names}",
                          "the following arguments are required: {names}"),
    "argparse.choice": ("argumentet {name}: {value} är inget av {choices}",
                        "argument {name}: {value} is not one of {choices}"),
    "argparse.one_argument": ("argumentet {name} behöver ett värde",
                              "argument {name} needs a value"),
    "argparse.type": ("argumentet {name}: {value} är inget giltigt värde ({type})",
                      "argument {name}: {value} is not a valid value ({type})"),
    "argparse.date": ("argumentet {name}: {value} är inget datum (ÅÅÅÅ-MM-DD)",
                      "argument {name}: {value} is not a date (YYYY-MM-DD)"),
    "argparse.not_with": ("argumentet {name} kan inte ges tillsammans med {other}",
                          "argument {name} cannot be given together with {other}"),
    "argparse.ignored": ("argumentet {name} tar inget värde ({value})",
                         "argument {name} takes no value ({value})"),
    "argparse.unrecognized": ("okända argument: {names}", "unrecognised arguments: {names}"),
    "argparse.ambiguous": ("{name} är tvetydigt, det kan vara {names}",
                           "{name} is ambiguous, it could be {names}"),
    "argparse.argument": ("argumentet {name}: {detail}", "argument {name}: {detail}"),
    "cli.too_deep": ("indata är nästlade djupare än något kommando behöver",
                     "the input is nested deeper than any command needs"),
    "output.is_directory": ("{option} {path}: är en mapp, inte en fil",
                            "{option} {path}: is a directory, not a file"),
    "output.no_folder": ("{option} {path}: mappen {folder} finns inte",
                         "{option} {path}: the folder {folder} does not exist"),
    "output.not_writable": ("{option} {path}: filen kan inte skrivas av den här användaren",
                            "{option} {path}: the file cannot be written by this user"),
    "output.folder_not_writable": (
        "{option} {path}: den här användaren kan inte skriva i mappen {folder}",
        "{option} {path}: this user cannot write in the folder {folder}"),
    "output.cannot_write": ("{option} {path}: kan inte skrivas ({error})",
                            "{option} {path}: cannot be written ({error})"),
    "db.bad_port": ("{option}: porten {port} är ingen port (1–65535)",
                    "{option}: the port {port} is not a port (1–65535)"),
    "db.bad_schema": (
        "{option}: schemanamnet {schema!r} i {location} ska vara 1–63 bokstäver a–z, siffror "
        "eller _, och inte börja med en siffra",
        "{option}: the schema name {schema!r} in {location} must be 1–63 letters a–z, digits "
        "or _, not starting with a digit"),
    "db.nul": ("{option}: sökvägen innehåller ett NUL-tecken",
               "{option}: the path contains a NUL character"),
    "oserror.not_found": ("filen eller mappen finns inte", "no such file or directory"),
    "oserror.denied": ("åtkomst nekad", "permission denied"),
    "oserror.is_directory": ("det är en mapp", "it is a directory"),
    "oserror.not_directory": ("en del av sökvägen är ingen mapp",
                              "a part of the path is not a directory"),
    "oserror.read_only_fs": ("filsystemet är skrivskyddat", "the file system is read-only"),
    "oserror.no_space": ("disken är full", "no space left on the device"),
    "oserror.exists": ("filen finns redan", "the file already exists"),
    "oserror.name_too_long": ("namnet är för långt", "the name is too long"),
    "oserror.io": ("in- eller utmatningsfel på disken", "input/output error on the disk"),
    "dberror.locked": ("databasen är låst", "the database is locked"),
    "dberror.read_only": ("databasen är skrivskyddad", "the database is read-only"),
    "dberror.io": ("in- eller utmatningsfel på disken", "disk I/O error"),
    "dberror.full": ("databasen eller disken är full", "the database or disk is full"),
    "dberror.not_a_database": ("filen är ingen databas", "the file is not a database"),
    "dberror.malformed": ("databasfilen är skadad", "the database file is damaged"),
    "dberror.cannot_open": ("databasfilen kan inte öppnas", "the database file cannot be opened"),
    "dberror.refused": ("servern vägrar anslutningen", "the server refuses the connection"),
    "dberror.timeout": ("servern svarade inte i tid", "the server did not answer in time"),
    "dberror.authentication": ("inloggningen misslyckades", "authentication failed"),
    "dberror.does_not_exist": ("det som efterfrågas finns inte på servern",
                               "what was asked for does not exist on the server"),
    "dberror.denied": ("åtkomst nekad i databasen", "permission denied in the database"),
    # Storage (exit 3): the ledger cannot be opened, read or written --------------------
    "storage.no_file": ("det finns ingen liggare på {location}: filen finns inte",
                        "there is no ledger at {location}: the file does not exist"),
    "storage.no_schema": ("det finns ingen liggare på {location} (schema {schema})",
                          "there is no ledger at {location} (schema {schema})"),
    "storage.cannot_connect": ("kan inte ansluta till liggaren på {location}: {reason}",
                               "cannot connect to the ledger at {location}: {reason}"),
    "storage.cannot_open": ("kan inte öppna liggaren på {location}: {reason}",
                            "cannot open the ledger at {location}: {reason}"),
    "storage.cannot_write": ("kan inte skriva till liggaren på {location}: {reason}",
                             "cannot write to the ledger at {location}: {reason}"),
    "storage.locked": (
        "liggaren på {location} är låst: ett annat program skriver till den (väntade "
        "{seconds} s); inget skrevs, försök igen när det är klart",
        "the ledger at {location} is locked: another program is writing to it (waited "
        "{seconds} s); nothing was written, try again when it is done"),
    "storage.conflict": (
        "ett annat program ändrade liggaren på {location} samtidigt, två gånger i rad; inget "
        "skrevs, försök igen",
        "another writer changed the ledger at {location} at the same time, twice in a row; "
        "nothing was written, try again"),
    "storage.open_read_only": ("liggaren på {location} är öppnad skrivskyddad",
                               "the ledger at {location} is open read-only"),
    "storage.not_writable": (
        "liggaren på {location} kan inte skrivas av den här användaren (filen eller dess mapp "
        "är skrivskyddad); inget skrevs — den kan ändå läsas: öppna gränssnittet, eller "
        "använd kommandona audit, report och events",
        "the ledger at {location} cannot be written by this user (the file or its folder is "
        "read-only); nothing was written — it can still be read: open the UI, or use the "
        "audit, report and events commands"),
    "storage.not_writable_role": (
        "liggaren på {location} kan inte skrivas med den här databasrollen ({reason}); inget "
        "skrevs — den kan ändå läsas: öppna gränssnittet, eller använd kommandona audit, "
        "report och events",
        "the ledger at {location} cannot be written with this database role ({reason}); "
        "nothing was written — it can still be read: open the UI, or use the audit, report "
        "and events commands"),
    "storage.cannot_create": (
        "kan inte skapa en liggare på {location}: den här användaren kan inte skriva i mappen "
        "{folder}; inget skrevs",
        "cannot create a ledger at {location}: this user cannot write in the folder {folder}; "
        "nothing was written"),
    "storage.directory": ("{location} är en mapp, inte en liggarfil",
                          "{location} is a directory, not a ledger file"),
    "storage.not_sqlite": ("{location} är ingen liggare: det är ingen SQLite-databas",
                           "{location} is not a ledger: it is not an SQLite database"),
    "storage.unreadable_sqlite": ("{location} är ingen läsbar SQLite-databas ({reason})",
                                  "{location} is not a readable SQLite database ({reason})"),
    "storage.other_program": (
        "{location} är en SQLite-databas från ett annat program, ingen liggare (ingen "
        "tabell {table} säger att den är en liggare); inget ändrades",
        "{location} is an SQLite database of another program, not a ledger (no {table} "
        "table says it is one); nothing was changed"),
    "storage.not_a_file": (
        "{location} är ingen vanlig fil (en enhet eller en annan specialfil), ingen liggare",
        "{location} is not a regular file (a device or another special file), not a "
        "ledger"),
    "cli.interrupted": ("avbrutet; inget skrevs", "interrupted; nothing was written"),
    "cli.internal": (
        "internt fel ({detail}); inget skrevs. Kör igen med ASFLEDGER_DEBUG=1 för detaljer.",
        "internal error ({detail}); nothing was written. "
        "Run again with ASFLEDGER_DEBUG=1 for details.",
    ),
    # Audit ----------------------------------------------------------------------------------
    "verify.changed": (
        "position {position}: händelsen stämmer inte med den lagrade kedjan – den har ändrats, "
        "lagts till, tagits bort eller flyttats",
        "position {position}: the event does not match the stored chain – it was changed, "
        "inserted, deleted or reordered"),
    "verify.not_in_chain": (
        "position {position}: en händelse som kedjan inte känner till (tillagd)",
        "position {position}: an event the chain does not know (inserted)"),
    "verify.missing": (
        "position {position}: kedjan har en händelse som inte längre finns (borttagen)",
        "position {position}: the chain records an event that is no longer stored (deleted)"),
    "verify.other_ledger": (
        "kontrollpunkten gäller liggaren {other}, inte denna ({this})",
        "the checkpoint is for ledger {other}, not this one ({this})"),
    "verify.shorter": (
        "historiken har {size} händelser, kortare än kontrollpunktens {expected}",
        "the history has {size} events, fewer than the checkpoint's {expected}"),
    "verify.checkpoint_differs": (
        "historiken fram till position {position} skiljer sig från kontrollpunkten: en "
        "händelse på eller före den positionen har ändrats",
        "the history up to position {position} differs from the checkpoint: an event at or "
        "before that position was changed"),
    # The trust check (asfledger.audit.trust): times, unreadable records, refusals.
    "verify.time_backwards": (
        "position {position}: händelsen är registrerad {time}, före händelsen före den "
        "({previous}) – registreringstiderna får aldrig gå bakåt",
        "position {position}: the event is recorded at {time}, before the event before it "
        "({previous}) – recorded times must never go backwards"),
    "verify.time_backwards_here": (
        "position {position}: händelsen är registrerad före händelsen före den – "
        "registreringstiderna får aldrig gå bakåt",
        "position {position}: the event is recorded before the event before it – recorded "
        "times must never go backwards"),
    "verify.before_checkpoint": (
        "position {position}: händelsen kommer efter kontrollpunkten vid storlek {size} "
        "({checkpoint_time}) men är registrerad {time}, före den (bakdaterad)",
        "position {position}: the event comes after the checkpoint at size {size} "
        "({checkpoint_time}) but is recorded at {time}, before it (backdated)"),
    "verify.time_unreadable": (
        "position {position}: registreringstiden i den lagrade händelsen går inte att läsa",
        "position {position}: the recorded time of the stored event cannot be read"),
    "verify.undecryptable": (
        "position {position}: den lagrade händelsen går inte att dekryptera med nyckeln "
        "({error})",
        "position {position}: the stored event cannot be decrypted with the key ({error})"),
    "verify.unreadable": (
        "position {position}: den lagrade händelsen går inte att läsa ({error})",
        "position {position}: the stored event cannot be read ({error})"),
    "verify.read_model_differs": (
        "position {position}: den sparade läsmodellen {name} (t.ex. översiktens siffror) "
        "stämmer inte med händelserna fram till den positionen – den har ändrats utanför "
        "programmet; den byggs om från händelserna när den läses",
        "position {position}: the saved read model {name} (e.g. the dashboard's figures) "
        "does not match the events up to that position – it was changed outside the "
        "program; it is rebuilt from the events when read"),
    "verify.times_not_checked": (
        "registreringstiderna och de sparade läsmodellerna kontrollerades inte: liggaren är "
        "krypterad och ingen nyckel angavs (--key-file)",
        "recorded times and saved read models were not checked: the ledger is encrypted "
        "and no key was given (--key-file)"),
    "history.unreadable": (
        "position {position} ({type}): den lagrade händelsen går inte att läsa ({error})",
        "position {position} ({type}): the stored event cannot be read ({error})"),
    "trust.refused": (
        "historiken håller inte – inget bevis och inga siffror tas fram: {problem}",
        "the history cannot be trusted – no proof and no figures are made: {problem}"),
    "trust.stands_on": (
        "Står på: liggare {ledger}, {size} händelser, kontrollsumma {head}; kedjan "
        "verifierad mot den lagrade kedjan{against}",
        "Stands on: ledger {ledger}, {size} events, head {head}; chain verified against the "
        "stored chain{against}"),
    "trust.against_checkpoints": (" och {n} kontrollpunkt(er)", " and {n} checkpoint(s)"),
    "trust.no_checkpoint": (
        ", inte mot någon kontrollpunkt (ange --checkpoint FIL)",
        ", not against a checkpoint (give --checkpoint FILE)"),
    # privacy: the redactions the proof lists (issue 15).
    "proof.redactions": ("Maskeringar (fältet läses som tomt)",
                         "Redactions (the field is read as empty)"),
    "proof.redaction": (
        "position {position}, fältet {field}: maskerat {date} enligt {decision_ref} "
        "(position {recorded_at})",
        "position {position}, field {field}: redacted on {date} by {decision_ref} "
        "(position {recorded_at})"),
    # privacy: a redaction marker that no later redaction decided (issue 15).
    "verify.redaction_undecided": (
        "position {position}: händelsens innehåll är ersatt med en maskering som ingen "
        "senare registrerad maskering beslutade – manipulerad",
        "position {position}: the event's content was replaced by a redaction marker that no "
        "redaction recorded later decided – tampered with"),
    "verify.ok": (
        "verifierad: {size:|händelse|händelser}, kontrollsumma {head}; "
        "{checkpoints:|kontrollpunkt stämmer|kontrollpunkter stämmer}",
        "verified: {size:|event|events}, head {head}; "
        "{checkpoints:|checkpoint matches|checkpoints match}"),
    "verify.failed": (
        "verifieringen misslyckades: {reason}",
        "verification failed: {reason}"),
    "cli.checkpoint_written": ("kontrollpunkten skrevs till {path}",
                               "checkpoint written to {path}"),
    # Compliance checks (over stored events) ------------------------------------------------
    "check.unknown_type": ("okänd händelsetyp {type}: beviset kan inte föras",
                           "unknown event type {type}: the proof cannot be made"),
    "check.unreadable": ("händelsen går inte att läsa: {error}",
                         "the event cannot be read: {error}"),
    # Free text that may hide a rule (domain/reference.py REVIEW_WORDS): to review.
    "review.words": ("fritexten nämner ”{word}”: {text}",
                     "the free text mentions “{word}”: {text}"),
    "proof.review": ("Att granska manuellt", "To review by hand"),
    "proof.review_intro": (
        "Det som regler över data inte kan avgöra (fritext, avtal utan värde, innevarande "
        "år) prövas inte av beviset; det listas här för granskning.",
        "What rules over data cannot decide (free text, agreements without a value, the "
        "current year) is not decided by the proof; it is listed here for review."),
    "proof.verdict_clean": (
        "Slutsats: ingen överträdelse funnen av reglerna F1–F4 och R1–R9 i den prövade "
        "historiken ({events} händelser).",
        "Verdict: no violation found of the rules F1–F4 and R1–R9 in the history examined "
        "({events} events)."),
    "proof.verdict_review": (
        "Slutsats: ingen överträdelse funnen av reglerna F1–F4 och R1–R9 i den prövade "
        "historiken ({events} händelser); {n} poster att granska manuellt.",
        "Verdict: no violation found of the rules F1–F4 and R1–R9 in the history examined "
        "({events} events); {n} items to review by hand."),
    # Compliance report --------------------------------------------------------------------
    "proof.title": ("Efterlevnadsbevis: ASF-policyn", "Compliance proof: the ASF policy"),
    "proof.range": (
        "Historik: {events} händelser, position {first}–{last}, registrerade {first_time} – "
        "{last_time}",
        "History: {events} events, positions {first}–{last}, recorded {first_time} – "
        "{last_time}"),
    "proof.as_of": ("Per: {day} (händelser registrerade till och med detta datum)",
                    "As of: {day} (events recorded on or before this date)"),
    "proof.checkpoint": ("Kontrollpunkt: liggare {ledger}, storlek {size}, "
                         "kontrollsumma {head}",
                         "Checkpoint: ledger {ledger}, size {size}, head {head}"),
    "proof.closed_world": ("Sluten värld: varje händelsetyp är klassificerad",
                           "Closed world: every event type is classified"),
    "proof.rule": ("Regel", "Rule"),
    "proof.examined": ("Granskade händelser", "Events examined"),
    "proof.violations": ("Överträdelser", "Violations"),
    "proof.examined_n": ("{n} granskade", "{n} examined"),
    "proof.violations_n": ("{n} överträdelser", "{n} violations"),
    "proof.violation": ("position {position}, {date}, {subject}: {detail}",
                        "position {position}, {date}, {subject}: {detail}"),
    "proof.verdict_ok": (
        "Slutsats: ingen överträdelse funnen av reglerna F1–F4 och R1–R9 i den prövade "
        "historiken.",
        "Verdict: no violation found of the rules F1–F4 and R1–R9 in the history "
        "examined."),
    "proof.verdict_failed": ("Slutsats: {n} överträdelser funna.",
                             "Verdict: {n} violations found."),
    # Audit replay: the timeline and the state (asfledger audit replay) -------------------
    "replay.title": ("Liggarens historik, händelse för händelse", "Replay of the ledger"),
    "replay.range": ("{events} händelser, position {first}–{last}; tider i UTC",
                     "{events} events, positions {first}–{last}; times in UTC"),
    "replay.as_of": ("Per {day}: händelser registrerade till och med detta datum",
                     "As of {day}: events recorded on or before this date"),
    "replay.timeline": ("Tidslinje", "Timeline"),
    "replay.no_events": ("inga händelser", "no events"),
    "replay.note": ("{sentence} – anteckning: {note}", "{sentence} – note: {note}"),
    "replay.from": ("från {day}", "from {day}"),
    "replay.none": ("inga", "none"),
    "replay.decision": (" (beslut {decision})", " (decision {decision})"),
    "replay.value": (", värde {amount}", ", value {amount}"),
    "replay.met": ("uppfyllt", "met"),
    "replay.not_met": ("inte uppfyllt", "not met"),
    "replay.group.asf": ("ASF", "ASF"),
    "replay.group.participants": ("deltagare", "participants"),
    "replay.group.other": ("övriga", "others"),
    "replay.gender": ("kvinnor {women}, män {men}, annat {other}",
                      "women {women}, men {men}, other {other}"),
    "replay.supplier": ("leverantören {payee} ({legal_form})",
                        "supplier {payee} ({legal_form})"),
    "replay.linked": (", avser {ref}", ", for {ref}"),
    "replay.event.Partner.Registered": (
        "Partnern {partner} registrerades ({legal_form}; {districts})",
        "registered partner {partner} ({legal_form}; {districts})"),
    "replay.event.Partner.CriterionAssessed": (
        "{criterion} bedömdes som {met} för {partner} per {day}: {evidence}",
        "assessed {criterion} as {met} for {partner} on {day}: {evidence}"),
    "replay.event.Partner.Onboarded": (
        "Partnern {partner} antogs {day} (beslut {decision})",
        "onboarded partner {partner} on {day} (decision {decision})"),
    "replay.event.Partner.Offboarded": (
        "Partnerskapet med {partner} avslutades {day}: {reason}",
        "offboarded partner {partner} on {day}: {reason}"),
    "replay.event.Partner.AgreementLinked": (
        "Avtalet {ref} knöts till partnern {partner}",
        "linked agreement {ref} to partner {partner}"),
    "replay.event.Partner.DecisionLinked": (
        "Beslutet {ref} knöts till partnern {partner}",
        "linked decision {ref} to partner {partner}"),
    "replay.event.Agreement.Signed": (
        "Avtalet {ref} ({kind}) med {partner} tecknades, gäller {period}{value} "
        "(beslut {decision})",
        "signed agreement {ref} ({kind}) with {partner}, valid {period}{value} "
        "(decision {decision})"),
    "replay.event.Agreement.Ended": (
        "Avtalet {ref} avslutades {day}: {reason}",
        "ended agreement {ref} on {day}: {reason}"),
    "replay.event.SupervisorFunding.Decided": (
        "Handledarfinansieringen {ref} beslutades {day}: {amount} för en handledare på "
        "{partner}, anställd hos {employer} ({fte} %), {period}; målgrupper: {groups} "
        "(beslut {decision})",
        "decided supervisor funding {ref} on {day}: {amount} for a supervisor at {partner}, "
        "employed by {employer} ({fte}%), {period}; target groups: {groups} "
        "(decision {decision})"),
    "replay.event.SupervisorFunding.Paid": (
        "{amount} betalades ut {day} till {payee} för handledarfinansieringen {ref} "
        "(verifikation {voucher})",
        "paid {amount} on {day} to {payee} for supervisor funding {ref} "
        "(voucher {voucher})"),
    "replay.event.SupervisorFunding.Ended": (
        "Handledarfinansieringen {ref} avslutades {day}: {reason}",
        "ended supervisor funding {ref} on {day}: {reason}"),
    "replay.event.Activity.Planned": (
        "Aktiviteten {ref} ({kind}) planerades till {day}: ”{title}”{districts}",
        "planned activity {ref} ({kind}) for {day}: “{title}”{districts}"),
    "replay.event.Activity.Held": (
        "Aktiviteten {ref} genomfördes {day} med {total} närvarande ({attendance})",
        "held activity {ref} on {day} with {total} attending ({attendance})"),
    "replay.event.Activity.Cancelled": (
        "Aktiviteten {ref} ställdes in: {reason}",
        "cancelled activity {ref}: {reason}"),
    "replay.event.StructuralWork.Logged": (
        "Strukturarbetet {ref} ({measure}) utfördes {day}: {description}",
        "logged structural work {ref} ({measure}) done on {day}: {description}"),
    "replay.event.ActionPlan.Drafted": (
        "Handlingsplanen {year} upprättades som utkast, kopplad till verksamhetsplanen "
        "{operations_plan}",
        "drafted the {year} action plan, linked to operations plan {operations_plan}"),
    "replay.event.ActionPlan.ActionAdded": (
        "Åtgärden {action} ({measure}) lades till i handlingsplanen {year}: {description}; "
        "ansvarig {owner}, klar senast {due}{decision}",
        "added action {action} ({measure}) to the {year} action plan: {description}; "
        "owner {owner}, due {due}{decision}"),
    "replay.event.ActionPlan.Adopted": (
        "Handlingsplanen {year} antogs {day} (beslut {decision})",
        "adopted the {year} action plan on {day} (decision {decision})"),
    "replay.event.ActionPlan.ActionCompleted": (
        "Åtgärden {action} i handlingsplanen {year} genomfördes {day}: {outcome}",
        "completed action {action} of the {year} action plan on {day}: {outcome}"),
    "replay.event.ActionPlan.ActionDropped": (
        "Åtgärden {action} i handlingsplanen {year} ströks {day}: {reason}",
        "dropped action {action} of the {year} action plan on {day}: {reason}"),
    "replay.event.Effort.Started": (
        "Insatsen {ref} ({measure}) på {partner} startade, {period}, driven av {run_by}, "
        "budget {amount} (beslut {decision})",
        "started effort {ref} ({measure}) at {partner}, {period}, run by {run_by}, "
        "budget {amount} (decision {decision})"),
    "replay.event.Effort.ParticipantsReported": (
        "Insatsen {ref} rapporterade {total} deltagare för {period}: {counts}",
        "reported {total} participants in effort {ref} for {period}: {counts}"),
    "replay.event.Effort.OutcomesReported": (
        "Insatsen {ref} rapporterade utfall för {period}: arbete {work}, studier {studies}, "
        "arbetssökande {job_seeking}, annat {other}",
        "reported outcomes of effort {ref} for {period}: work {work}, studies {studies}, "
        "job seeking {job_seeking}, other {other}"),
    "replay.event.Effort.Completed": (
        "Insatsen {ref} avslutades {day}",
        "completed effort {ref} on {day}"),
    "replay.event.Effort.Charged": (
        "{amount} belastade budgeten för insatsen {ref} {day} (utgiften {expenditure})",
        "charged {amount} to the budget of effort {ref} on {day} "
        "(expenditure {expenditure})"),
    "replay.event.Expenditure.Recorded": (
        "Utgiften {ref} betalades {day}: {amount} till {payee} för {purpose}{linked}: "
        "{description}",
        "recorded expenditure {ref} paid on {day}: {amount} to {payee} for {purpose}"
        "{linked}: {description}"),
    "replay.event.Membership.Joined": (
        "Förbundet gick med i {name} ({kind}) {day}, medlemskapet {ref} "
        "(beslut {decision})",
        "joined {name} ({kind}) on {day}, membership {ref} (decision {decision})"),
    "replay.event.Membership.Left": (
        "Medlemskapet {ref} ({name}) upphörde {day}",
        "left membership {ref} ({name}) on {day}"),
    "replay.event.BoardMeeting.Held": (
        "Styrelsemötet {ref} hölls {day} (protokoll {minutes})",
        "held board meeting {ref} on {day} (minutes {minutes})"),
    # privacy: the board's redaction (issue 15).
    "replay.event.Redaction.Redacted": (
        "Fältet {field} i position {position} maskerades enligt {decision}: {reason}",
        "redacted field {field} of position {position} by decision {decision}: {reason}"),
    # Corrections: each names the position it corrects, who, when (the line) and why.
    "replay.corrects": (" (rättar position {position})", " (corrects position {position})"),
    "replay.event.SupervisorFunding.PaymentReversed": (
        "Utbetalningen {voucher} ({amount} till {payee}, {day}) för "
        "handledarfinansieringen {ref} återfördes {reversed_on}{corrects}: {reason}{decision}",
        "reversed payment {voucher} ({amount} to {payee} on {day}) of supervisor funding "
        "{ref} on {reversed_on}{corrects}: {reason}{decision}"),
    "replay.event.Expenditure.Reversed": (
        "Utgiften {ref} ({amount} för {purpose}{linked}, betald {day}) återfördes "
        "{reversed_on}{corrects}: {reason}{decision}",
        "reversed expenditure {ref} ({amount} for {purpose}{linked}, paid on {day}) on "
        "{reversed_on}{corrects}: {reason}{decision}"),
    "replay.event.Effort.ChargeReversed": (
        "{amount} återfördes till budgeten för insatsen {ref} {reversed_on} (utgiften "
        "{expenditure}, betald {day}, återförd)",
        "returned {amount} to the budget of effort {ref} on {reversed_on} (expenditure "
        "{expenditure}, paid on {day}, reversed)"),
    "replay.event.Partner.FactCorrected": (
        "Partnern {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of partner {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "replay.event.SupervisorFunding.FactCorrected": (
        "Handledarfinansieringen {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of supervisor funding {ref} from {old} to {new}{corrects}: "
        "{reason}{decision}"),
    "replay.event.Effort.FactCorrected": (
        "Insatsen {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of effort {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "replay.event.Activity.FactCorrected": (
        "Aktiviteten {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of activity {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "replay.event.StructuralWork.FactCorrected": (
        "Strukturarbetet {ref}: {field} rättades från {old} till {new}{corrects}: "
        "{reason}{decision}",
        "corrected {field} of structural work {ref} from {old} to {new}{corrects}: "
        "{reason}{decision}"),
    "replay.event.Expenditure.FactCorrected": (
        "Utgiften {ref}: {field} rättades från {old} till {new}{corrects}: {reason}{decision}",
        "corrected {field} of expenditure {ref} from {old} to {new}{corrects}: {reason}"
        "{decision}"),
    "replay.event.Partner.Voided": (
        "Registreringen av partnern {ref} makulerades{corrects}: {reason}{decision}",
        "voided the registration of partner {ref}{corrects}: {reason}{decision}"),
    "replay.event.SupervisorFunding.Voided": (
        "Beslutet om handledarfinansieringen {ref} makulerades{corrects}: {reason}{decision}",
        "voided the decision on supervisor funding {ref}{corrects}: {reason}{decision}"),
    "replay.event.Effort.Voided": (
        "Beslutet om insatsen {ref} makulerades{corrects}: {reason}{decision}",
        "voided the decision on effort {ref}{corrects}: {reason}{decision}"),
    "replay.event.unknown": (
        "händelse av okänd typ {type} för {subject}",
        "event of unknown type {type} for {subject}"),
    "replay.event.unreadable": (
        "oläslig händelse: {error}", "unreadable event: {error}"),
    "replay.unreadable": (
        "position {position} i historiken går inte att läsa: {error}",
        "position {position} of the history cannot be replayed: {error}"),
    "replay.state": ("Läget per {day}", "State as of {day}"),
    "replay.state.partners": ("Partner: {count}, varav {active} antagna",
                              "Partners: {count}, {active} onboarded"),
    "replay.state.partner": ("{partner}: {status}; kriterier {criteria}",
                             "{partner}: {status}; criteria {criteria}"),
    "replay.state.onboarded": ("antagen sedan {day}", "onboarded since {day}"),
    "replay.state.offboarded": ("avslutad {day}", "offboarded on {day}"),
    "replay.state.not_onboarded": ("inte antagen", "not onboarded"),
    "replay.state.agreements": ("Aktiva avtal: {count} (av {total})",
                                "Active agreements: {count} (of {total})"),
    "replay.state.agreement": ("{ref} {kind} med {partner}, {period}{value}",
                               "{ref} {kind} with {partner}, {period}{value}"),
    "replay.state.fundings": (
        "Handledarfinansiering: {count} beslut, beslutat {decided}, betalt {paid}, "
        "kvar {remaining}",
        "Supervisor funding: {count} decisions, decided {decided}, paid {paid}, "
        "remaining {remaining}"),
    "replay.state.funding": (
        "{ref} {partner}, {employer} ({fte} %), {period}: beslutat {decided}, betalt {paid}, "
        "kvar {remaining}{ended}",
        "{ref} {partner}, {employer} ({fte}%), {period}: decided {decided}, paid {paid}, "
        "remaining {remaining}{ended}"),
    "replay.state.ended": ("; avslutad {day}", "; ended on {day}"),
    "replay.state.activities": (
        "Genomförda aktiviteter: {held} ({planned} kvar att genomföra, {cancelled} inställda)",
        "Activities held: {held} ({planned} still to be held, {cancelled} cancelled)"),
    "replay.state.activity": ("{day} {ref} {kind}: ”{title}”, {total} närvarande",
                              "{day} {ref} {kind}: “{title}”, {total} attending"),
    "replay.state.structural": ("Strukturarbete per insats i policyn: {by_measure}",
                                "Structural work by measure: {by_measure}"),
    "replay.state.plans": ("Handlingsplaner: {count}", "Action plans: {count}"),
    "replay.state.plan_adopted": (
        "{year}: antagen {day} (beslut {decision}); {completed} av {total} åtgärder "
        "genomförda, {dropped} strukna, {open} öppna",
        "{year}: adopted on {day} (decision {decision}); {completed} of {total} actions "
        "completed, {dropped} dropped, {open} open"),
    "replay.state.plan_draft": (
        "{year}: utkast, inte antagen; {total} åtgärder",
        "{year}: draft, not adopted; {total} actions"),
    "replay.state.action": ("{action} {measure} {status}: {description}",
                            "{action} {measure} {status}: {description}"),
    "replay.state.action_open": ("öppen, klar senast {day}", "open, due {day}"),
    "replay.state.action_completed": ("genomförd {day}", "completed on {day}"),
    "replay.state.action_dropped": ("struken {day}", "dropped on {day}"),
    "replay.state.efforts": ("Insatser: {count}, varav {active} pågående",
                             "Efforts: {count}, {active} running"),
    "replay.state.effort": (
        "{ref} {measure} på {partner}, {period}: budget {budget}, förbrukat {spent}; "
        "deltagare {participants}{completed}",
        "{ref} {measure} at {partner}, {period}: budget {budget}, spent {spent}; "
        "participants {participants}{completed}"),
    "replay.state.effort_completed": ("; avslutad {day}", "; completed on {day}"),
    "replay.state.memberships": ("Medlemskap: {count}", "Memberships: {count}"),
    "replay.state.membership": ("{ref} {name} ({kind}), från {joined}{left}",
                                "{ref} {name} ({kind}), from {joined}{left}"),
    "replay.state.left": (", till {day}", ", until {day}"),
    "replay.state.meetings": ("Styrelsemöten: {count}", "Board meetings: {count}"),
    "replay.state.meeting": ("{day} {ref} (protokoll {minutes})",
                             "{day} {ref} (minutes {minutes})"),
    "replay.state.expenditure": ("Utgifter per ändamål, totalt {total}",
                                 "Expenditure by purpose, total {total}"),
    "replay.state.purpose": ("{purpose}: {amount}", "{purpose}: {amount}"),
    "replay.state.empty": ("inga", "none"),
    # Open data: the 360Giving export (asfledger export 360giving) --------------------------
    "export.funding.title": (
        "Handledarfinansiering {ref}: handledare på {partner}",
        "Supervisor funding {ref}: a supervisor at {partner}"),
    "export.funding.description": (
        "”{measure}” Handledare anställd hos {employer} ({fte} % av heltid) som stödjer "
        "målgruppen på {partner}; målgrupper: {groups}. Utbetalningar går till "
        "arbetsgivaren. Beslut {decision}.",
        "“{measure}” A supervisor employed by {employer} ({fte}% of full time) who supports "
        "the target group at {partner}; target groups: {groups}. Payments go to the "
        "employer. Decision {decision}."),
    "export.effort.title": (
        "Insats {ref}: {measure_title} på {partner}",
        "Effort {ref}: {measure_title} at {partner}"),
    "export.effort.description": (
        "”{measure}”. Insatsen drivs av {run_by}. Beslut {decision}.",
        "“{measure}”. The effort is run by {run_by}. Decision {decision}."),
    "export.effort.no_decision_date": (
        "Beslutets datum finns inte i liggaren: tilldelningsdatum är insatsens startdatum.",
        "The ledger does not hold the date of the decision: the award date is the "
        "effort's start date."),
    "export.effort.paid_title": (
        "Insats {ref}: betalningar till {recipient}",
        "Effort {ref}: payments to {recipient}"),
    "export.effort.paid_to": (
        "Den här delen betalades till {recipient} enligt avtal med förbundet (köp av "
        "tjänst, inte kontantbidrag); resten av insatsens budget går till {run_by}.",
        "This part was paid to {recipient} under its agreement with the association (a "
        "purchase, not a cash grant); the rest of the effort's budget goes to {run_by}."),
    "export.open_ended": (
        "Tills vidare: beslutet har inget slutdatum.",
        "Until further notice: the decision has no end date."),
    "export.location.city": ("Stockholms stad", "City of Stockholm"),
    "export.package.title": (
        "{funder}: beslut om handledarfinansiering och insatser för ASF",
        "{funder}: decisions on supervisor funding and efforts for ASF"),
    "export.package.description": (
        "Förbundets beslut enligt ASF-policyn (I1–I3) i 360Giving-standarden, med "
        "mottagaren av varje betalning. Belopp i kronor.",
        "The association's decisions under the ASF policy (I1–I3) in the 360Giving Data "
        "Standard, with the recipient of each payment. Amounts in SEK."),
    "export.no_prefix": (
        "360Giving-prefixet saknas: ange förbundets registrerade prefix med --prefix "
        "eller giving360_prefix i inställningarna, eller exportera ett utkast med --draft",
        "the 360Giving prefix is missing: give the association's registered prefix with "
        "--prefix or giving360_prefix in the settings, or export a draft with --draft"),
    "export.no_data_source": (
        "datakällan saknas: ange adressen där uppgifterna publiceras med --data-source "
        "eller giving360_data_source i inställningarna, eller exportera ett utkast med "
        "--draft",
        "the data source is missing: give the address the data is published at with "
        "--data-source or giving360_data_source in the settings, or export a draft "
        "with --draft"),
    "export.bad_prefix": (
        "360Giving-prefixet {prefix} ska vara 360G- följt av bokstäver, siffror och "
        "bindestreck",
        "the 360Giving prefix {prefix} must be 360G- followed by letters, digits and "
        "hyphens"),
    "output.settings_unreadable": (
        "inställningarna kan inte läsas: {error}",
        "the settings cannot be read: {error}"),
    "export.bad_data_source": (
        "datakällan {url} ska vara en webbadress (http:// eller https://)",
        "the data source {url} must be a web address (http:// or https://)"),
    "export.written": ("{grants} beslut i 360Giving-format skrevs till {path}",
                       "{grants} grants in the 360Giving format written to {path}"),
    "export.cannot_write": ("kan inte skriva {path}: {error}",
                            "cannot write {path}: {error}"),
    # Board report (asfledger report board) -------------------------------------------
    "report.title": ("Styrelserapport: ASF-policyn, {period}",
                     "Board report: the ASF policy, {period}"),
    "report.subtitle": ("Samordningsförbundet Stockholms stad · perioden {start} – {end}",
                        "Samordningsförbundet Stockholms stad · the period {start} to {end}"),
    "report.intro": (
        "Siffrorna kommer ur beslutsliggaren och följer datumen i besluten. Det som hänt "
        "under perioden (beslut, utbetalningar, aktiviteter, registrerat arbete) räknas när "
        "det är daterat inom perioden; det som gäller (antagna partner, avtal, handledare, "
        "insatser, handlingsplanen) räknas per periodens sista dag, {end}.",
        "The figures come from the decision ledger and follow the dates of the decisions. "
        "What happened in the period (decisions, payments, activities, recorded work) "
        "counts when it is dated inside the period; what is in force (onboarded "
        "partners, agreements, supervisors, efforts, the action plan) counts as of the "
        "period's last day, {end}."),
    "report.policy": ("Policyn", "The policy (our translation)"),
    "report.summary": ("Sammanfattning", "Summary"),
    "report.col.figure": ("Uppgift", "Figure"),
    "report.col.value": ("Värde", "Value"),
    "report.col.count": ("Antal", "Count"),
    "report.col.legal_form": ("Företagsform", "Legal form"),
    "report.col.district": ("Stadsdel", "District"),
    "report.col.agreement_kind": ("Avtalsform", "Kind of agreement"),
    "report.col.employer": ("Arbetsgivare (part)", "Employer (party)"),
    "report.col.decided": ("Beslutat", "Decided"),
    "report.col.paid": ("Utbetalt", "Paid"),
    "report.col.activity_kind": ("Slag av aktivitet", "Kind of activity"),
    "report.col.group": ("Grupp", "Group"),
    "report.col.attendance": ("Deltagande", "Attendance"),
    "report.col.measure": ("Insats i policyn", "Measure of the policy"),
    "report.col.actions": ("Åtgärder", "Actions"),
    "report.col.completed": ("Genomförda", "Completed"),
    "report.col.target_group": ("Målgrupp", "Target group"),
    "report.col.participants": ("Deltagare", "Participants"),
    "report.col.outcome": ("Efter insatsen", "After the effort"),
    "report.col.purpose": ("Ändamål", "Purpose"),
    "report.col.amount": ("Belopp", "Amount"),
    "report.sum.partners": ("Antagna partner per {end}", "Partners onboarded as of {end}"),
    "report.sum.partners_in_period": ("Antagna under perioden", "Onboarded in the period"),
    "report.sum.agreements": ("Gällande avtal per {end}", "Agreements in force as of {end}"),
    "report.sum.funding_decided": ("Handledarfinansiering, beslutat",
                                   "Supervisor funding, decided"),
    "report.sum.funding_paid": ("Handledarfinansiering, utbetalt", "Supervisor funding, paid"),
    "report.sum.fte": ("Finansierade handledare per {end} (årsarbetare)",
                       "Funded supervisors as of {end} (full-time equivalents)"),
    "report.sum.activities": ("Genomförda aktiviteter", "Activities held"),
    "report.sum.attendance": ("Deltagande i aktiviteterna", "Attendance at the activities"),
    "report.sum.structural": ("Registrerat strukturarbete", "Structural work recorded"),
    "report.sum.plan": ("Handlingsplan {year}: genomförda åtgärder",
                        "Action plan {year}: actions completed"),
    "report.sum.plan_value": ("{completed} av {actions}", "{completed} of {actions}"),
    "report.sum.efforts": ("Pågående insatser per {end}", "Efforts running as of {end}"),
    "report.sum.participants": ("Rapporterade deltagare", "Participants reported"),
    "report.sum.expenditure": ("Utgifter totalt", "Total expenditure"),
    "report.sum.compliance": ("Efterlevnad (F1–F4, R1–R9)", "Compliance (F1–F4, R1–R9)"),
    "report.sum.proven": ("✓ ingen överträdelse funnen", "✓ no violation found"),
    "report.sum.proven_review": ("✓ ingen överträdelse funnen, {n} att granska",
                                 "✓ no violation found, {n} to review"),
    "report.sum.not_proven": ("✗ {n} överträdelser", "✗ {n} violations"),
    "report.partners.title": ("Partner: arbetsintegrerande sociala företag",
                              "Partners: work-integrating social enterprises"),
    "report.partners.text": (
        "{onboarded} partner var antagna per {end}. Under perioden fattades {in_period} "
        "beslut om att anta en partner. Ett företag antas bara när dess senaste bedömning av "
        "vart och ett av kriterierna C1–C4 är uppfylld (R2).",
        "{onboarded} partners were onboarded as of {end}. In the period, {in_period} "
        "decisions to onboard a partner were made. An enterprise is onboarded only when its "
        "latest assessment of each of the criteria C1–C4 is met (R2)."),
    "report.partners.by_legal_form": ("Antagna partner efter företagsform",
                                      "Onboarded partners by legal form"),
    "report.partners.by_district": (
        "Antagna partner efter stadsdel (en partner räknas en gång i varje stadsdel där den "
        "verkar)",
        "Onboarded partners by district (a partner counts once in each district it works "
        "in)"),
    "report.agreements.title": ("Avtal", "Agreements"),
    "report.agreements.text": (
        "{active} avtal gällde per {end}. Pengar till ett ASF kräver ett avtal som gäller på "
        "betalningsdagen (R4).",
        "{active} agreements were in force as of {end}. Money to an ASF needs an agreement "
        "in force on the payment date (R4)."),
    "report.funding.title": ("Handledarfinansiering (I3)", "Supervisor funding (I3)"),
    "report.funding.text": (
        "Under perioden beslutades {decided} och betalades {paid} ut. Per {end} finansierades "
        "handledare motsvarande {fte} årsarbetare. Utbetalningar räknas på betalningsdagen, "
        "även när de görs i efterskott efter finansieringens slut.",
        "In the period {decided} was decided and {paid} was paid. As of {end} the funded "
        "supervisors came to {fte} full-time equivalents. Payments count on their payment "
        "date, also when paid in arrears after the funding has ended."),
    "report.activities.title": ("Inspirationsdagar, seminarier och studiebesök (S7)",
                                "Inspiration days, seminars and study visits (S7)"),
    "report.activities.text": (
        "{held} aktiviteter genomfördes under perioden, med ett sammanlagt deltagande på "
        "{attendance}.",
        "{held} activities were held in the period, with a total attendance of "
        "{attendance}."),
    "report.activities.by_kind": ("Genomförda aktiviteter efter slag",
                                  "Activities held by kind"),
    "report.activities.by_group": ("Deltagande efter grupp", "Attendance by group"),
    "report.group.asf": ("ASF", "ASF"),
    "report.group.participants": ("deltagare ur målgruppen", "participants of the target group"),
    "report.group.other": ("övriga", "others"),
    "report.structural.title": ("Strukturövergripande arbete (S1–S6)",
                                "Structural work (S1–S6)"),
    "report.structural.text": (
        "Strukturövergripande arbete registrerades {n} gånger under perioden.",
        "Structural work was recorded {n} times in the period."),
    "report.plan.title": ("Handlingsplan {year}", "Action plan {year}"),
    "report.plan.adopted": ("Handlingsplanen för {year} var antagen per {end}.",
                            "The action plan for {year} was adopted as of {end}."),
    "report.plan.not_adopted": ("Handlingsplanen för {year} var inte antagen per {end}.",
                                "The action plan for {year} was not adopted as of {end}."),
    "report.plan.text": (
        "Den har {actions} åtgärder; per {end} var {completed} genomförda och {dropped} "
        "strukna.",
        "It has {actions} actions; as of {end}, {completed} were completed and {dropped} "
        "dropped."),
    "report.efforts.title": ("Insatser och deltagare (I1, I2)",
                             "Efforts and participants (I1, I2)"),
    "report.efforts.text": (
        "{active} insatser pågick per {end}. Deltagare och resultat summeras ur de rapporter "
        "vars kvartal eller år ligger inom perioden. Deltagare räknas, de namnges aldrig "
        "(R7).",
        "{active} efforts were running as of {end}. Participants and outcomes are summed "
        "from the reports whose quarter or year lies inside the period. Participants are "
        "counted, never named (R7)."),
    "report.efforts.month": (
        "Deltagare och resultat rapporteras per kvartal eller år, så en månad har inga egna "
        "rapporter.",
        "Participants and outcomes are reported per quarter or year, so a month has no "
        "reports of its own."),
    "report.efforts.participants": ("Deltagare efter målgrupp", "Participants by target group"),
    "report.efforts.outcomes": ("Resultat för deltagarna", "Outcomes for the participants"),
    "report.outcome.work": ("arbete", "work"),
    "report.outcome.studies": ("studier", "studies"),
    "report.outcome.job_seeking": ("arbetssökande", "job seeking"),
    "report.outcome.other": ("annat", "other"),
    "report.expenditure.title": ("Utgifter", "Expenditure"),
    "report.expenditure.text": (
        "Under perioden betalades {total} ut, varav {funding} i handledarfinansiering. "
        "Ändamål som policyn förbjuder är markerade med sin regel och ska alltid vara noll.",
        "In the period {total} was paid out, of which {funding} in supervisor funding. "
        "Purposes the policy forbids are marked with their rule and must always be zero."),
    "report.forbidden": ("förbjudet, {code}", "forbidden, {code}"),
    "report.compliance.title": ("Efterlevnad av policyn", "Compliance with the policy"),
    "report.compliance.text": (
        "Hela historiken i liggaren, {events} händelser, har gåtts igenom och prövats mot "
        "förbuden F1–F4 och reglerna R1–R9.",
        "The ledger's whole history, {events} events, was replayed and tested against the "
        "prohibitions F1–F4 and the rules R1–R9."),
    "report.compliance.no_checkpoint": (
        "Historiken är verifierad mot den lagrade kedjan, men inte mot någon kontrollpunkt "
        "som förts utanför liggaren.",
        "The history was verified against the stored chain, but not against any checkpoint "
        "kept outside the ledger."),
    "report.compliance.one_checkpoint": (
        "Historiken är verifierad mot den lagrade kedjan och mot 1 kontrollpunkt som förts "
        "utanför liggaren.",
        "The history was verified against the stored chain and against 1 checkpoint kept "
        "outside the ledger."),
    "report.compliance.checkpoints": (
        "Historiken är verifierad mot den lagrade kedjan och mot {n} kontrollpunkter som "
        "förts utanför liggaren.",
        "The history was verified against the stored chain and against {n} checkpoints kept "
        "outside the ledger."),
    "report.compliance.checkpoint": (
        "Kontrollpunkt att föra in i protokollet; revisorerna kontrollerar liggaren mot den.",
        "The checkpoint to put in the minutes; the auditors check the ledger against it."),
    "report.footer": ("Framtagen ur beslutsliggaren för ASF-policyn.",
                      "Produced from the decision ledger of the ASF policy."),
    # The board pack (title page, summary page, proposal, print) -------------------------
    "report.pack.kind": ("Styrelserapport", "Board report"),
    "report.pack.subject": ("Uppföljning av ASF-policyn", "Follow-up of the ASF policy"),
    "report.pack.period.year": ("Helåret {year}", "The year {year}"),
    "report.pack.period.quarter": ("{ordinal} kvartalet {year}", "Quarter {n} of {year}"),
    "report.pack.period.month": ("{month} {year}", "{month} {year}"),
    "report.pack.quarter.1": ("Första", "First"),
    "report.pack.quarter.2": ("Andra", "Second"),
    "report.pack.quarter.3": ("Tredje", "Third"),
    "report.pack.quarter.4": ("Fjärde", "Fourth"),
    "report.pack.month.1": ("Januari", "January"),
    "report.pack.month.2": ("Februari", "February"),
    "report.pack.month.3": ("Mars", "March"),
    "report.pack.month.4": ("April", "April"),
    "report.pack.month.5": ("Maj", "May"),
    "report.pack.month.6": ("Juni", "June"),
    "report.pack.month.7": ("Juli", "July"),
    "report.pack.month.8": ("Augusti", "August"),
    "report.pack.month.9": ("September", "September"),
    "report.pack.month.10": ("Oktober", "October"),
    "report.pack.month.11": ("November", "November"),
    "report.pack.month.12": ("December", "December"),
    "report.pack.fact.to": ("Till", "To"),
    "report.pack.fact.board": ("Styrelsen", "The board"),
    "report.pack.fact.period": ("Period", "Period"),
    "report.pack.fact.date": ("Datum", "Date"),
    "report.pack.fact.reference": ("Diarienummer", "Reference number"),
    "report.pack.fact.author": ("Upprättad av", "Prepared by"),
    "report.pack.fact.basis": ("Underlag", "Basis"),
    "report.pack.basis": ("Beslutsliggaren, {events} händelser",
                          "The decision ledger, {events} events"),
    "report.pack.key_figures": ("Nyckeltal", "Key figures"),
    "report.pack.proposal": ("Förslag till beslut", "Proposed decision"),
    "report.pack.contents": ("Innehåll", "Contents"),
    "report.pack.page": ("Sida {page} av {pages}", "Page {page} of {pages}"),
    "report.pack.checkpoint.ledger": ("Liggare", "Ledger"),
    "report.pack.checkpoint.size": ("Antal händelser", "Events"),
    "report.pack.checkpoint.head": ("Kontrollsumma", "Checksum"),
    "report.pack.checkpoint.time": ("Tidpunkt", "Time"),
    "report.pack.time": ("{day} kl. {time}", "{day} at {time} (Stockholm time)"),
    "report.pack.checkpoint.verbatim": (
        "Kontrollpunkten ordagrant, för revisorernas kontroll (tiden står där i UTC, "
        "samordnad universell tid):",
        "The checkpoint word for word, for the auditors' check (its time is in UTC):"),
    "report.xlsx_needs_output": (
        "ett kalkylark (xlsx) skrivs till en fil: ange den med -o FIL",
        "a workbook (xlsx) is written to a file: name it with -o FILE"),
    "report.bad_report_date": (
        "rapportdatumet {value} är inget datum (ÅÅÅÅ-MM-DD)",
        "the report date {value} is not a date (YYYY-MM-DD)"),
    "report.city_wide": ("Hela staden", "City-wide"),
    "report.yes": ("ja", "yes"),
    "report.no": ("nej", "no"),
    # The spreadsheet (xlsx) and the CSV: one table per section, units in their own column
    "report.csv.from": ("Period från", "Period from"),
    "report.csv.to": ("Period till", "Period to"),
    "report.csv.section": ("Avsnitt", "Section"),
    "report.csv.dimension": ("Indelning", "Breakdown"),
    "report.csv.category": ("Kategori", "Category"),
    "report.csv.measure": ("Mått", "Measure"),
    "report.csv.value": ("Värde", "Value"),
    "report.csv.unit": ("Enhet", "Unit"),
    "report.unit.count": ("antal", "count"),
    "report.unit.sek": ("kr", "SEK"),
    "report.unit.percent": ("%", "%"),
    "report.unit.fte": ("årsarbetare", "full-time equivalents"),
    "report.col.code": ("Kod", "Code"),
    "report.col.share": ("Andel", "Share"),
    "report.col.share_completed": ("Andel genomförda", "Share completed"),
    "report.col.forbidden_by": ("Förbjudet enligt", "Forbidden by"),
    "report.col.times": ("Antal gånger", "Times"),
    "report.col.partners": ("Antagna partner", "Onboarded partners"),
    "report.col.agreements": ("Gällande avtal", "Agreements in force"),
    "report.sheet.partners": ("Partner", "Partners"),
    "report.sheet.agreements": ("Avtal", "Agreements"),
    "report.sheet.funding": ("Handledarfinansiering", "Supervisor funding"),
    "report.sheet.activities": ("Aktiviteter", "Activities"),
    "report.sheet.structural": ("Strukturarbete", "Structural work"),
    "report.sheet.plan": ("Handlingsplan", "Action plan"),
    "report.sheet.efforts": ("Insatser", "Efforts"),
    "report.sheet.expenditure": ("Utgifter", "Expenditure"),
    "report.sheet.compliance": ("Efterlevnad", "Compliance"),
    "report.sum.period_from": ("Periodens första dag", "First day of the period"),
    "report.sum.period_to": ("Periodens sista dag", "Last day of the period"),
    "report.sum.report_date": ("Rapportdatum", "Date of the report"),
    "report.sum.plan_actions": ("Handlingsplan {year}: åtgärder", "Action plan {year}: actions"),
    "report.sum.violations": ("Överträdelser", "Violations"),
    "report.sum.events": ("Granskade händelser", "Events examined"),
    "report.sum.verdict": ("Slutsats", "Verdict"),
    "report.bad_period": (
        "perioden {value} ska vara ett år (2026), ett kvartal (2026-Q2) eller en månad "
        "(2026-05)",
        "the period {value} must be a year (2026), a quarter (2026-Q2) or a month (2026-05)"),
    "report.written": ("rapporten skrevs till {path}", "the report was written to {path}"),
    "report.unwritable": ("kan inte skriva {path}: {error}", "cannot write {path}: {error}"),
    # Terminal UI: the parts of the policy, the history's events, looking back (tui/) -----
    "ui.screen.partners": ("Partner", "Partners"),
    "ui.screen.funding": ("Handledarfinansiering", "Supervisor funding"),
    "ui.screen.activities": ("Aktiviteter", "Activities"),
    "ui.screen.structural": ("Strukturarbete", "Structural work"),
    "ui.screen.plan": ("Handlingsplan", "Action plan"),
    "ui.screen.efforts": ("Insatser och deltagare", "Efforts and participants"),
    "ui.screen.expenditure": ("Utgifter", "Expenditure"),
    "ui.screen.memberships": ("Medlemskap", "Memberships"),
    "ui.screen.board": ("Styrelsemöten", "Board meetings"),
    "ui.key.screens": ("Vyer", "Screens"),
    "ui.key.partners": ("Partner", "Partners"),
    "ui.key.funding": ("Handledarfinansiering", "Supervisor funding"),
    "ui.key.activities": ("Aktiviteter", "Activities"),
    "ui.key.structural": ("Strukturarbete", "Structural work"),
    "ui.key.plan": ("Handlingsplan", "Action plan"),
    "ui.key.efforts": ("Insatser", "Efforts"),
    "ui.key.expenditure": ("Utgifter", "Expenditure"),
    "ui.key.memberships": ("Medlemskap", "Memberships"),
    "ui.key.board": ("Styrelsemöten", "Board meetings"),
    "ui.key.time_travel": ("Se tillbaka", "Look back"),
    "ui.key.back_to_now": ("Åter till nu", "Back to now"),
    "ui.key.look_back_here": ("Per denna händelse", "As of this event"),
    "ui.key.event_detail": ("Händelsen", "Event detail"),
    "ui.key.detail": ("Detaljer", "Details"),
    "ui.key.cancel": ("Avbryt", "Cancel"),
    "ui.cmd.partners": ("Partner", "Partners"),
    "ui.cmd.partners_help": ("ASF, kriterierna C1–C4 med underlag, avtal och tidslinje",
                             "ASF, the criteria C1–C4 with evidence, agreements, timeline"),
    "ui.cmd.funding": ("Handledarfinansiering", "Supervisor funding"),
    "ui.cmd.funding_help": ("Beslutat, utbetalt och kvar per finansiering (I3), utbetalningar",
                            "Decided, paid and remaining per funding (I3), payments"),
    "ui.cmd.activities": ("Aktiviteter", "Activities"),
    "ui.cmd.activities_help": ("Inspirationsdagar, seminarier och studiebesök (S7)",
                               "Inspiration days, seminars and study visits (S7)"),
    "ui.cmd.structural": ("Strukturarbete", "Structural work"),
    "ui.cmd.structural_help": ("Strukturövergripande arbete per insats i policyn, S1–S6",
                               "Structural work by measure S1–S6"),
    "ui.cmd.plan": ("Handlingsplan", "Action plan"),
    "ui.cmd.plan_help": ("Handlingsplanen per år: åtgärder per insats i policyn och status",
                         "The action plan per year: actions by measure, with status"),
    "ui.cmd.efforts": ("Insatser och deltagare", "Efforts and participants"),
    "ui.cmd.efforts_help": ("Insatser (I1, I2), deltagare per målgrupp och kön, resultat",
                            "Efforts (I1, I2), participants by target group and gender, "
                            "outcomes"),
    "ui.cmd.expenditure": ("Utgifter", "Expenditure"),
    "ui.cmd.expenditure_help": ("Alla utbetalningar per ändamål och mottagare",
                                "All money out by purpose and payee"),
    "ui.cmd.memberships": ("Medlemskap", "Memberships"),
    "ui.cmd.memberships_help": ("Förbundets medlemskap i organisationer (F3)",
                                "The association's memberships of organisations (F3)"),
    "ui.cmd.board": ("Styrelsemöten", "Board meetings"),
    "ui.cmd.board_help": ("Styrelsens möten och protokoll", "The board's meetings and minutes"),
    "ui.cmd.travel": ("Se tillbaka", "Look back"),
    "ui.cmd.travel_help": ("Visa liggaren som den var ett datum eller vid en händelse",
                           "Show the ledger as it was on a date or at an event"),
    "ui.cmd.now": ("Tillbaka till nu", "Back to now"),
    "ui.cmd.now_help": ("Sluta se tillbaka och visa liggaren som den är nu",
                        "Stop looking back and show the ledger as it is now"),
    "ui.col.ref": ("Referens", "Ref"),
    "ui.col.name": ("Namn", "Name"),
    "ui.col.org_nr": ("Org.nr", "Org. no."),
    "ui.col.legal_form": ("Företagsform", "Legal form"),
    "ui.col.districts": ("Stadsdelar", "Districts"),
    "ui.col.parties": ("Parter", "Parties"),
    "ui.col.status": ("Status", "Status"),
    "ui.col.since": ("Sedan", "Since"),
    "ui.col.partner": ("Partner", "Partner"),
    "ui.col.employer": ("Arbetsgivare", "Employer"),
    "ui.col.decided_on": ("Beslutad", "Decided on"),
    "ui.col.period": ("Period", "Period"),
    "ui.col.decided": ("Beslutat", "Decided"),
    "ui.col.paid": ("Utbetalt", "Paid"),
    "ui.col.remaining": ("Kvar", "Remaining"),
    "ui.col.date": ("Datum", "Date"),
    "ui.col.kind": ("Slag", "Kind"),
    "ui.col.title": ("Rubrik", "Title"),
    "ui.col.attendance": ("Deltagande", "Attendance"),
    "ui.col.measure": ("Insats", "Measure"),
    "ui.col.description": ("Beskrivning", "Description"),
    "ui.col.year": ("År", "Year"),
    "ui.col.action": ("Åtgärd", "Action"),
    "ui.col.owner": ("Ansvarig", "Owner"),
    "ui.col.due": ("Klar senast", "Due"),
    "ui.col.decision": ("Beslut", "Decision"),
    "ui.col.run_by": ("Drivs av", "Run by"),
    "ui.col.budget": ("Budget", "Budget"),
    "ui.col.spent": ("Förbrukat", "Spent"),
    "ui.col.participants": ("Deltagare", "Participants"),
    "ui.col.paid_on": ("Betalt", "Paid on"),
    "ui.col.purpose": ("Ändamål", "Purpose"),
    "ui.col.payee_kind": ("Mottagare är", "Payee kind"),
    "ui.col.payee": ("Mottagare", "Payee"),
    "ui.col.amount": ("Belopp", "Amount"),
    "ui.col.linked": ("Avser", "For"),
    "ui.col.joined": ("Inträde", "Joined"),
    "ui.col.left": ("Utträde", "Left"),
    "ui.col.minutes": ("Protokoll", "Minutes"),
    "ui.status.onboarded": ("antagen", "onboarded"),
    "ui.status.offboarded": ("avslutad", "offboarded"),
    # R9: onboarded, but a criterion's latest assessment is "not met" (shown "… since DATE").
    "ui.status.criteria_not_met": ("kriterierna inte uppfyllda", "criteria not met"),
    "ui.status.not_onboarded": ("inte antagen än", "not yet onboarded"),
    "ui.status.running": ("pågår", "running"),
    "ui.status.not_started": ("inte påbörjad", "not started"),
    "ui.status.finished": ("löpte ut {day}", "ran out {day}"),
    "ui.status.ended": ("avslutad {day}", "ended {day}"),
    "ui.status.active": ("gäller", "in force"),
    "ui.status.inactive": ("gäller inte", "not in force"),
    "ui.status.planned": ("planerad", "planned"),
    "ui.status.held": ("genomförd", "held"),
    "ui.status.cancelled": ("inställd", "cancelled"),
    "ui.status.open": ("öppen", "open"),
    "ui.status.completed_on": ("genomförd {day}", "completed {day}"),
    "ui.status.dropped_on": ("struken {day}", "dropped {day}"),
    "ui.payee.party": ("part", "party"),
    "ui.payee.partner": ("partner (ASF)", "partner (ASF)"),
    "ui.payee.supplier": ("leverantör", "supplier"),
    "ui.gender.women": ("kvinnor", "women"),
    "ui.gender.men": ("män", "men"),
    "ui.gender.other": ("annat", "other"),
    "ui.part.filter": ("Filtrera (/): skriv en del av en rad",
                       "Filter (/): type part of a row"),
    "ui.part.rows": ("rader {first}–{last} av {total} · sida {page} av {pages}",
                     "rows {first}–{last} of {total} · page {page} of {pages}"),
    "ui.part.none": ("inga rader", "no rows"),
    "ui.part.policy": ("Policyn", "The policy"),
    "ui.part.close": ("Esc stänger.", "Esc closes."),
    "ui.partners.summary": (
        "{count} partner · {onboarded} antagna · {offboarded} avslutade · "
        "{not_onboarded} inte antagna än · per {day}",
        "{count:|partner|partners} · {onboarded} onboarded · {offboarded} offboarded · "
        "{not_onboarded} not yet onboarded · as of {day}"),
    "ui.partners.since": ("sedan {day}", "since {day}"),
    "ui.partners.onboarding": ("antagen {start}, avslutad {end}",
                               "onboarded {start}, offboarded {end}"),
    "ui.partners.criteria": ("Kriterierna C1–C4, senaste bedömningen per {day}",
                             "The criteria C1–C4, the latest assessment as of {day}"),
    "ui.partners.not_assessed": ("inte bedömt", "not assessed"),
    "ui.partners.evidence": ("{day}: {evidence}", "{day}: {evidence}"),
    "ui.partners.agreements": ("Avtal ({count})", "Agreements ({count})"),
    "ui.partners.fundings": ("Handledarfinansiering ({count})",
                             "Supervisor funding ({count})"),
    "ui.partners.funding": (
        "{ref} · {employer} · {fte} % · {period} · beslutat {decided}, utbetalt {paid}",
        "{ref} · {employer} · {fte}% · {period} · decided {decided}, paid {paid}"),
    "ui.partners.efforts": ("Insatser ({count})", "Efforts ({count})"),
    "ui.partners.effort": ("{ref} · {measure} · {period} · budget {budget}, förbrukat {spent}",
                           "{ref} · {measure} · {period} · budget {budget}, spent {spent}"),
    "ui.partners.timeline": ("Tidslinje", "Timeline"),
    "ui.partners.timeline_loading": ("läser tidslinjen …", "reading the timeline …"),
    "ui.funding.summary": (
        "{count:|finansiering|finansieringar} · beslutat {decided} · utbetalt {paid} i "
        "{payments:|utbetalning|utbetalningar} · kvar {remaining} · {running} pågår per {day}",
        "{count:|funding|fundings} · decided {decided} · paid {paid} in "
        "{payments:|payment|payments} · "
        "remaining {remaining} · {running} running as of {day}"),
    "ui.funding.title": ("Handledarfinansiering {ref}", "Supervisor funding {ref}"),
    "ui.funding.fte": ("Andel av heltid", "Share of full time"),
    "ui.funding.groups": ("Målgrupper", "Target groups"),
    "ui.funding.payments": ("Utbetalningar ({count}), alltid till arbetsgivaren (R1)",
                            "Payments ({count}), always to the employer (R1)"),
    "ui.funding.payment": ("{day} · {voucher} · {amount} till {payee}",
                           "{day} · {voucher} · {amount} to {payee}"),
    "ui.activities.summary": (
        "{planned} planerade · {held} genomförda · {cancelled} inställda · deltagande "
        "{attendance}: {groups}",
        "{planned} planned · {held} held · {cancelled} cancelled · attendance "
        "{attendance}: {groups}"),
    "ui.activities.planned_on": ("Planerad till", "Planned for"),
    "ui.activities.held_on": ("Genomförd", "Held on"),
    "ui.activities.attendance": ("Deltagande ({total})", "Attendance ({total})"),
    "ui.structural.summary": ("{total:|gång|gånger} strukturarbete · {by_measure}",
                              "{total:|piece|pieces} of structural work · {by_measure}"),
    "ui.plan.line": ("{year}: {state}, {completed} av {total} genomförda, "
                     "{dropped:|struken|strukna}",
                     "{year}: {state}, {completed} of {total} completed, {dropped} dropped"),
    "ui.plan.adopted": ("antagen {day}", "adopted {day}"),
    "ui.plan.draft": ("utkast", "draft"),
    "ui.plan.none": ("ingen handlingsplan", "no action plan"),
    "ui.plan.title": ("Handlingsplan {year}", "Action plan {year}"),
    "ui.plan.operations_plan": ("Verksamhetsplan", "Operations plan"),
    "ui.plan.by_measure": ("Per insats i policyn", "By measure of the policy"),
    "ui.plan.measure_line": ("{measure}: {completed} av {total} genomförda, "
                             "{dropped:|struken|strukna}",
                             "{measure}: {completed} of {total} completed, {dropped} dropped"),
    "ui.efforts.summary": (
        "{count:|insats|insatser} · {active} pågår · {participants} rapporterade deltagare "
        "(kvinnor {women}, män {men}, annat {other})",
        "{count:|effort|efforts} · {active} running · "
        "{participants:|participant|participants} reported "
        "(women {women}, men {men}, other {other})"),
    "ui.efforts.participants": ("Deltagare per period, målgrupp och kön ({total})",
                                "Participants by period, target group and gender ({total})"),
    "ui.efforts.outcomes": ("Resultat per period", "Outcomes by period"),
    "ui.expenditure.summary": ("Totalt {total} · per ändamål: {purposes} · per mottagare: "
                               "{kinds}",
                               "Total {total} · by purpose: {purposes} · by payee: {kinds}"),
    "ui.expenditure.payment": ("Utbetalning av {ref}, verifikation {voucher}",
                               "Payment of {ref}, voucher {voucher}"),
    "ui.memberships.summary": ("{count} medlemskap · {current} gällande",
                               "{count:|membership|memberships} · {current} current"),
    "ui.memberships.f3": (
        "Förbundet får inte vara medlem i ASF eller i intresseorganisationer (F3).",
        "The association must not be a member of an ASF or of interest organisations (F3)."),
    "ui.board.summary": ("{count:|styrelsemöte|styrelsemöten} · senast {day}",
                         "{count:|board meeting|board meetings} · latest {day}"),
    "ui.board.title": ("Styrelsemöte {ref}, {day}", "Board meeting {ref}, {day}"),
    "ui.board.anchor": (
        "Protokollet håller liggarens kontrollpunkt (asfledger checkpoint), som revisorerna "
        "prövar med asfledger audit verify.",
        "The minutes hold the ledger's checkpoint (asfledger checkpoint), which the auditors "
        "test with asfledger audit verify."),
    "ui.event.title": ("Händelse {position}", "Event {position}"),
    "ui.event.heading": ("Händelse {position} · {type} · {subject} · {time} · {actor}",
                         "Event {position} · {type} · {subject} · {time} · {actor}"),
    "ui.event.chain": ("Kedjans hash som den är lagrad: {hash}",
                       "The chain hash as stored: {hash}"),
    "ui.event.no_chain": ("Ingen lagrad kedja för händelsen", "No stored chain for the event"),
    "ui.event.missing": ("Händelsen finns inte i liggaren", "The event is not in the ledger"),
    "ui.event.unreadable": ("Händelsen kan inte läsas: {error}",
                            "The event cannot be read: {error}"),
    "ui.event.keys": ("t: liggaren per denna händelse · Esc stänger",
                      "t: the ledger as of this event · Esc closes"),
    "ui.travel.title": ("Se liggaren som den var", "See the ledger as it was"),
    "ui.travel.explain": (
        "Som registrerat: det liggaren visste den dagen (händelserna registrerade till och "
        "med den, som asfledger audit replay --as-of). Som beslutat: policyns läge den "
        "dagen enligt beslutens egna datum, med allt som registrerats fram till nu. En "
        "position visar händelserna till och med den. Under tiden kan inget registreras.",
        "As recorded: what the ledger knew on that day (the events recorded on or before "
        "it, as asfledger audit replay --as-of). As decided: the state of the policy on "
        "that day by the decisions' own dates, with all recorded until now. A position "
        "shows the events up to and including it. Meanwhile nothing can be recorded."),
    "ui.travel.date_label": ("Som registrerat per datum (ÅÅÅÅ-MM-DD)",
                             "As recorded on a date (YYYY-MM-DD)"),
    "ui.travel.decided_label": ("eller som beslutat per datum (ÅÅÅÅ-MM-DD)",
                                "or as decided on a date (YYYY-MM-DD)"),
    "ui.travel.position_label": ("eller position (1–{head})", "or position (1–{head})"),
    "ui.travel.keys": ("Enter: se tillbaka · Esc: avbryt", "Enter: look back · Esc: cancel"),
    "ui.travel.one_of": ("Fyll i ett av fälten, inte flera",
                         "Give one of the fields, not several"),
    "ui.travel.bad_date": ("{value} är inte ett datum ÅÅÅÅ-MM-DD",
                           "{value} is not a date YYYY-MM-DD"),
    "ui.travel.bad_position": ("{value} är inte en position mellan 1 och {head}",
                               "{value} is not a position from 1 to {head}"),
    "ui.travel.empty": ("Fyll i ett datum eller en position", "Give a date or a position"),
    "ui.travel.at_date": ("som registrerat per {day}", "as recorded on {day}"),
    "ui.travel.at_decided": ("som beslutat per {day}", "as decided on {day}"),
    "ui.travel.at_position": ("per händelse {position}", "as of event {position}"),
    "ui.travel.header": ("⏪ {when} · skrivskyddad · {rest}", "⏪ {when} · read-only · {rest}"),
    "ui.travel.looking_back": ("Du ser liggaren {when}; T eller Esc tar dig tillbaka till nu",
                               "You see the ledger {when}; T or Esc takes you back to now"),
    "ui.travel.now": ("Tillbaka till nu", "Back to now"),
    # Security: keys, encryption at rest, signed checkpoints, rekey (docs/SECURITY.md) ----
    "key.exists": ("{path} finns redan; en nyckel skrivs aldrig över",
                   "{path} already exists; a key is never overwritten"),
    "key.cannot_write": ("kan inte skriva nyckeln till {path}: {error}",
                         "cannot write the key to {path}: {error}"),
    "key.unreadable": ("kan inte läsa nyckelfilen {path}: {error}",
                       "cannot read the key file {path}: {error}"),
    "key.too_open": (
        "nyckelfilen {path} kan läsas av andra än ägaren; skydda den med chmod 600 {path}",
        "the key file {path} can be read by others than its owner; protect it with "
        "chmod 600 {path}"),
    "key.malformed": ("{path} är ingen krypteringsnyckel från asfledger keygen",
                      "{path} is not an encryption key made by asfledger keygen"),
    "key.encrypted": (
        "liggaren på {location} är krypterad; ange dess nyckel med --key-file FIL "
        "(eller $ASFLEDGER_KEY_FILE)",
        "the ledger at {location} is encrypted; give its key with --key-file FILE "
        "(or $ASFLEDGER_KEY_FILE)"),
    "key.wrong": ("nyckeln i {path} öppnar inte liggaren på {location}; inget lästes eller "
                  "skrevs",
                  "the key in {path} does not open the ledger at {location}; nothing was "
                  "read or written"),
    "key.not_encrypted": (
        "liggaren på {location} är inte krypterad men en nyckel angavs ({path}); utelämna "
        "nyckeln, eller kopiera liggaren till en krypterad med asfledger rekey",
        "the ledger at {location} is not encrypted but a key was given ({path}); leave the "
        "key out, or copy the ledger into an encrypted one with asfledger rekey"),
    "key.written": (
        "en ny krypteringsnyckel skrevs till {path} (bara du kan läsa den); förvara en kopia "
        "säkert: utan nyckeln kan liggaren inte läsas",
        "a new encryption key was written to {path} (readable only by you); keep a copy in a "
        "safe place: without it the ledger cannot be read"),
    "signing.written": (
        "en ny signeringsnyckel skrevs till {path} och dess publika nyckel till {public}; "
        "ge den publika nyckeln till revisorerna",
        "a new signing key was written to {path} and its public key to {public}; give the "
        "public key to the auditors"),
    "signing.unreadable": ("kan inte läsa nyckelfilen {path}: {error}",
                           "cannot read the key file {path}: {error}"),
    "signing.not_private": ("{path} är ingen privat Ed25519-nyckel (PEM)",
                            "{path} is not an Ed25519 private key (PEM)"),
    "signing.not_public": ("{path} är ingen publik Ed25519-nyckel (PEM)",
                           "{path} is not an Ed25519 public key (PEM)"),
    "verify.public_key_alone": (
        "--public-key kontrollerar signaturen på kontrollpunkter: ange dem med --checkpoint",
        "--public-key checks the signature of checkpoints: give them with --checkpoint"),
    "verify.unsigned": (
        "{source} är inte signerad, och --public-key kräver signerade kontrollpunkter",
        "{source} is not signed, and --public-key requires signed checkpoints"),
    "verify.bad_signature": (
        "signaturen på {source} stämmer inte med den publika nyckeln: kontrollpunkten är "
        "ändrad eller signerad med en annan nyckel",
        "the signature of {source} does not verify with the public key given: the checkpoint "
        "was changed or signed with another key"),
    "verify.continues": (
        "liggaren fortsätter liggaren {ledger} från dess kontrollpunkt vid storlek {size}, "
        "kontrollsumma {head} (kopierad med rekey); verifiera den kontrollpunkten mot den gamla "
        "liggaren",
        "this ledger continues ledger {ledger} from its checkpoint at size {size}, head {head} "
        "(copied by rekey); verify that checkpoint against the old ledger"),
    "rekey.same": ("--from och --to är samma liggare; rekey kopierar till en ny",
                   "--from and --to are the same ledger; rekey copies into a new one"),
    "rekey.not_empty": (
        "{location} är ingen ny, tom liggare; rekey kopierar bara till en sådan",
        "{location} is not a new, empty ledger; rekey only copies into one"),
    "rekey.old_does_not_verify": (
        "liggaren på {location} verifieras inte (första felaktiga position {position}); den "
        "kopieras inte",
        "the ledger at {location} does not verify (first bad position {position}); it is not "
        "copied"),
    "rekey.done": (
        "kopierade {events} händelser från {old} till {new}; den nya liggaren fortsätter "
        "liggaren {ledger} vid storlek {size}",
        "copied {events} events from {old} to {new}; the new ledger continues ledger {ledger} "
        "at size {size}"),
    "rekey.old_checkpoint": (
        "Den gamla liggarens sista kontrollpunkt (till protokollet):",
        "The old ledger's final checkpoint (for the minutes):"),
    "rekey.new_checkpoint": (
        "Den nya liggarens kontrollpunkt (till protokollet):",
        "The new ledger's checkpoint (for the minutes):"),
    # Terminal UI: recording forms (tui/forms/) -------------------------------------------
    "ui.key.record": ("Registrera …", "Record …"),
    "ui.key.submit": ("Registrera", "Record"),
    "ui.key.confirm": ("Ja, registrera", "Yes, record"),
    "form.title": ("{command} · {group}", "{command} · {group}"),
    "form.palette": ("Registrera: {command}", "Record: {command}"),
    "form.picker.title": ("Registrera ett beslut", "Record a decision"),
    "form.picker.help": ("Enter öppnar formuläret, Esc stänger.",
                         "Enter opens the form, Esc closes."),
    "form.read_only": (
        "Liggaren är öppnad skrivskyddad (--read-only): inget kan registreras här.",
        "The ledger is open read-only (--read-only): nothing can be recorded here."),
    "form.unwritable_role": (
        "Din databasroll får bara läsa den här liggaren, så den är öppnad skrivskyddad: "
        "inget kan registreras här.",
        "Your database role may only read this ledger, so it is open read-only: nothing can "
        "be recorded here."),
    "form.unwritable": (
        "Du kan inte skriva i den här filen, så den är öppnad skrivskyddad: inget kan "
        "registreras här.",
        "You cannot write this file, so it is open read-only: nothing can be recorded here."),
    "form.looking_back": (
        "Skärmarna visar liggaren som den var: tryck T för att återgå till nu innan du "
        "registrerar.",
        "The screens show the ledger as it was: press T to return to now before recording."),
    "form.submit": ("Registrera (Ctrl+S)", "Record (Ctrl+S)"),
    "form.cancel": ("Avbryt (Esc)", "Cancel (Esc)"),
    "form.choose": ("Välj …", "Choose …"),
    "form.none_to_choose": ("Inget att välja i liggaren", "Nothing in the ledger to choose"),
    "form.optional": ("(frivilligt)", "(optional)"),
    "form.required": ("måste fyllas i", "required"),
    "form.not_a_number": ("{value} är inget heltal", "{value} is not a whole number"),
    "form.date_placeholder": ("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"),
    "form.amount_placeholder": ("kronor, t.ex. 125000 eller 1250,50",
                                "SEK, e.g. 125000 or 1250.50"),
    "form.period_placeholder": ("år (2026) eller kvartal (2026-Q1)",
                                "a year (2026) or a quarter (2026-Q1)"),
    "form.supplier_placeholder": ("leverantörens referens i bokföringen",
                                  "the supplier's reference in the accounts"),
    "form.checking": ("Prövar mot liggaren …", "Checking against the ledger …"),
    "form.ready": ("✓ Kan registreras: policyn och liggaren godtar beslutet.",
                   "✓ Ready to record: the policy and the ledger accept it."),
    "form.fix_errors": ("Rätta de markerade fälten först.", "Correct the marked fields first."),
    "form.unmet": ("Kan inte antas: {criteria} ej uppfyllt {day} (R2)",
                   "Cannot onboard: {criteria} not met on {day} (R2)"),
    "form.recorded": ("Registrerat: {command} ({events} händelser)",
                      "Recorded: {command} ({events} events)"),
    # Leaving a form with something typed in it, and drafts (issue 19) ----------------
    "form.leave.title": ("Lämna formuläret?", "Leave the form?"),
    "form.leave.question": (
        "Det du har skrivit är inte registrerat. Fortsätta skriva, spara ett utkast som "
        "kommer tillbaka när formuläret öppnas igen, eller kasta det?",
        "What you typed is not recorded. Keep editing, keep a draft that comes back when "
        "the form is opened again, or discard it?"),
    "ui.key.keep_editing": ("Fortsätt skriva", "Keep editing"),
    "ui.key.keep_draft": ("Spara utkast", "Keep draft"),
    "ui.key.discard": ("Kasta", "Discard"),
    "form.leave.keep_button": ("Fortsätt skriva (k)", "Keep editing (k)"),
    "form.leave.draft_button": ("Spara utkast och stäng (d)", "Keep a draft, close (d)"),
    "form.leave.discard_button": ("Kasta (x)", "Discard (x)"),
    "form.draft_kept": ("Utkastet sparat: {command}", "Draft kept: {command}"),
    "form.draft_restored": ("Ditt utkast är tillbaka: {command}",
                            "Your draft is back: {command}"),
    "ui.key.back": ("Tillbaka", "Back"),
    # ui (issue 19): the history's event types in words
    "ui.event_type.Partner.Registered": ("partner registrerad", "partner registered"),
    "ui.event_type.Partner.CriterionAssessed": ("kriterium bedömt", "criterion assessed"),
    "ui.event_type.Partner.Onboarded": ("partner antagen", "partner onboarded"),
    "ui.event_type.Partner.Offboarded": ("partner avslutad", "partner offboarded"),
    "ui.event_type.Partner.AgreementLinked": (
        "avtal knutet till partner", "agreement linked to partner"),
    "ui.event_type.Agreement.Signed": ("avtal tecknat", "agreement signed"),
    "ui.event_type.Agreement.Ended": ("avtal avslutat", "agreement ended"),
    "ui.event_type.SupervisorFunding.Decided": (
        "handledarfinansiering beslutad", "supervisor funding decided"),
    "ui.event_type.SupervisorFunding.Paid": (
        "handledarfinansiering utbetald", "supervisor funding paid"),
    "ui.event_type.SupervisorFunding.Ended": (
        "handledarfinansiering avslutad", "supervisor funding ended"),
    "ui.event_type.Activity.Planned": ("aktivitet planerad", "activity planned"),
    "ui.event_type.Activity.Held": ("aktivitet genomförd", "activity held"),
    "ui.event_type.Activity.Cancelled": ("aktivitet inställd", "activity cancelled"),
    "ui.event_type.StructuralWork.Logged": ("strukturarbete registrerat",
                                            "structural work recorded"),
    "ui.event_type.ActionPlan.Drafted": ("handlingsplan upprättad", "action plan drafted"),
    "ui.event_type.ActionPlan.ActionAdded": ("åtgärd tillagd", "action added"),
    "ui.event_type.ActionPlan.Adopted": ("handlingsplan antagen", "action plan adopted"),
    "ui.event_type.ActionPlan.ActionCompleted": ("åtgärd genomförd", "action completed"),
    "ui.event_type.ActionPlan.ActionDropped": ("åtgärd struken", "action dropped"),
    "ui.event_type.Effort.Started": ("insats startad", "effort started"),
    "ui.event_type.Effort.ParticipantsReported": (
        "deltagare rapporterade", "participants reported"),
    "ui.event_type.Effort.OutcomesReported": ("resultat rapporterade", "outcomes reported"),
    "ui.event_type.Effort.Completed": ("insats avslutad", "effort completed"),
    "ui.event_type.Effort.Charged": ("insatsens budget belastad", "effort budget charged"),
    "ui.event_type.Expenditure.Recorded": ("utgift bokförd", "expenditure recorded"),
    "ui.event_type.Membership.Joined": ("medlemskap inlett", "membership joined"),
    "ui.event_type.Membership.Left": ("medlemskap avslutat", "membership left"),
    "ui.event_type.BoardMeeting.Held": ("styrelsemöte hållet", "board meeting held"),
    # privacy (issue 15): the board's redaction
    "ui.event_type.Redaction.Redacted": ("maskering beslutad", "redaction decided"),
    # corrections (issue 15): the history's names of the correction events
    "ui.event_type.SupervisorFunding.PaymentReversed": (
        "utbetalning återförd", "payment reversed"),
    "ui.event_type.SupervisorFunding.FactCorrected": (
        "handledarfinansiering rättad", "supervisor funding corrected"),
    "ui.event_type.SupervisorFunding.Voided": (
        "handledarfinansiering makulerad", "supervisor funding voided"),
    "ui.event_type.Expenditure.Reversed": ("utgift återförd", "expenditure reversed"),
    "ui.event_type.Expenditure.FactCorrected": ("utgift rättad", "expenditure corrected"),
    "ui.event_type.Effort.ChargeReversed": (
        "insatsens budget återförd", "effort budget charge reversed"),
    "ui.event_type.Effort.FactCorrected": ("insats rättad", "effort corrected"),
    "ui.event_type.Effort.Voided": ("insats makulerad", "effort voided"),
    "ui.event_type.Partner.FactCorrected": ("partner rättad", "partner corrected"),
    "ui.event_type.Partner.Voided": ("partner makulerad", "partner voided"),
    "ui.event_type.Activity.FactCorrected": ("aktivitet rättad", "activity corrected"),
    "ui.event_type.StructuralWork.FactCorrected": (
        "strukturarbete rättat", "structural work corrected"),
    "form.note": ("Obs", "Note"),
    "ui.palette.prompt": ("Sök bland kommandona …", "Search for commands…"),
    "ui.system.theme": ("Tema", "Theme"),
    "ui.system.theme_help": ("Byt färgtema", "Change the current theme"),
    "ui.system.quit": ("Avsluta", "Quit"),
    "ui.system.quit_help": ("Avsluta programmet", "Quit the application as soon as possible"),
    "ui.system.keys": ("Tangenter", "Keys"),
    "ui.system.keys_help": ("Visa hjälp för det markerade och en sammanfattning av "
                            "tangenterna",
                            "Show help for the focused widget and a summary of available "
                            "keys"),
    "ui.system.keys_hide": ("Tangenter", "Keys"),
    "ui.system.keys_hide_help": ("Dölj tangenterna och hjälppanelen",
                                 "Hide the keys and widget help panel"),
    "ui.system.minimize": ("Minimera", "Minimize"),
    "ui.system.minimize_help": ("Återställ till normal storlek",
                                "Minimize the widget and restore to normal size"),
    "ui.system.maximize": ("Maximera", "Maximize"),
    "ui.system.maximize_help": ("Maximera det markerade", "Maximize the focused widget"),
    "ui.system.screenshot": ("Skärmbild", "Screenshot"),
    "ui.system.screenshot_help": ("Spara en SVG-bild av skärmen i mappen från "
                                  "inställningarna",
                                  "Save an SVG picture of the screen in the folder the "
                                  "settings name"),
    "ui.screenshot.saved": ("Skärmbilden sparad: {path}", "Screenshot saved: {path}"),
    "ui.screenshot.failed": ("Skärmbilden kunde inte sparas i {folder}: {error}. Ange en "
                             "annan mapp som \"screenshots\" i settings.json.",
                             "The screenshot could not be saved in {folder}: {error}. Name "
                             "another folder as \"screenshots\" in settings.json."),
    "ui.key.sort": ("Sortera efter nästa kolumn", "Sort by the next column"),
    "ui.key.sort_reverse": ("Vänd sorteringen", "Reverse the sort"),
    "ui.key.export_csv": ("Exportera raderna till CSV", "Export the rows to CSV"),
    "ui.key.export_xlsx": ("Exportera raderna till XLSX", "Export the rows to XLSX"),
    "ui.part.sorted": ("Sorterat efter {column}, {order}", "Sorted by {column}, {order}"),
    "ui.part.ascending": ("stigande", "ascending"),
    "ui.part.descending": ("fallande", "descending"),
    "ui.part.exported": ("{n:|rad exporterad|rader exporterade} till {path}",
                         "{n:|row|rows} exported to {path}"),
    "ui.part.export_failed": ("Kunde inte skriva {path}: {error}",
                              "Could not write {path}: {error}"),
    "ui.legal_form_short.aktiebolag_svb": ("AB (svb)", "ltd (svb)"),
    "ui.legal_form_short.ekonomisk_forening": ("ek. för.", "econ. assoc."),
    "ui.legal_form_short.ideell_forening": ("ideell för.", "non-profit"),
    "ui.legal_form_short.enskild_naringsidkare": ("enskild firma", "sole trader"),
    "ui.key.row_down": ("Rad ned", "Row down"),
    "ui.key.row_up": ("Rad upp", "Row up"),
    "ui.key.first_row": ("Första raden", "First row"),
    "ui.key.last_row": ("Sista raden", "Last row"),
    "form.criteria.title": ("Bedöm kriterierna C1–C4", "Assess criteria C1–C4"),
    "form.criteria.evidence": ("Underlag (för alla kriterier utan eget)",
                               "Evidence (for every criterion without its own)"),
    "form.criteria.own_evidence": ("eget underlag (frivilligt)", "own evidence (optional)"),
    "form.criteria.no_partner": ("Välj partnern som bedöms.", "Choose the partner assessed."),
    "form.criteria.bad_date": ("Bedömningsdagen ska vara ÅÅÅÅ-MM-DD.",
                               "The day of the assessment must be YYYY-MM-DD."),
    "form.criteria.no_evidence": ("{criterion} saknar underlag: skriv ett gemensamt eller "
                                  "ett eget.",
                                  "{criterion} has no evidence: enter a shared one or its "
                                  "own."),
    "form.next.title": ("Nästa beslut", "Next decision"),
    "form.next.question": ("Registrera nu: {command}?", "Record next: {command}?"),
    "form.next.yes": ("Ja (Enter)", "Yes (Enter)"),
    "form.next.no": ("Inte nu (Esc)", "Not now (Esc)"),
    "form.replaces_count": (
        "Ersätter antalet som rapporterades {day} för {period} ({count} deltagare).",
        "Replaces the count reported on {day} for {period} "
        "({count:|participant|participants})."),
    "ui.cmd.back": ("Tillbaka", "Back"),
    "ui.cmd.back_help": ("Esc: lämna textrutan, åter till nu, eller skärmen före denna",
                         "Esc: leave the text box, back to now, or the screen before this"),
    "form.confirm.title": ("Bekräfta: {command}", "Confirm: {command}"),
    "form.confirm.question": (
        "Beslutet skrivs i liggaren och kan inte ändras efteråt.",
        "The decision is written to the ledger and cannot be changed afterwards."),
    "form.confirm.yes": ("Ja, registrera (y)", "Yes, record (y)"),
    "form.confirm.no": ("Nej, tillbaka (n)", "No, go back (n)"),
    "form.refusal.title": ("Avvisat enligt policyn: {code} – {rule}",
                           "Refused by the policy: {code} – {rule}"),
    "form.refusal.nothing": ("Inget skrevs i liggaren.", "Nothing was written to the ledger."),
    "form.refusal.back": ("Tillbaka till formuläret (Esc)", "Back to the form (Esc)"),
    "form.partner.onboarded": ("antagen", "onboarded"),
    "form.partner.not_onboarded": ("inte antagen", "not onboarded"),
    "form.payee_kind.party": ("part", "party"),
    "form.payee_kind.partner": ("partner (ASF)", "partner (ASF)"),
    "form.payee_kind.supplier": ("leverantör", "supplier"),
    "form.gender.women": ("kvinnor", "women"),
    "form.gender.men": ("män", "men"),
    "form.gender.other": ("annat", "other"),
    "form.group.partners": ("Partner (C1–C4, R2)", "Partners (C1–C4, R2)"),
    "form.group.agreements": ("Avtal (S2)", "Agreements (S2)"),
    "form.group.supervisor_funding": ("Handledarfinansiering (I3)", "Supervisor funding (I3)"),
    "form.group.activities": ("Aktiviteter (S7)", "Activities (S7)"),
    "form.group.structural_work": ("Strukturarbete (S1–S6)", "Structural work (S1–S6)"),
    "form.group.action_plan": ("Handlingsplan (R6)", "Action plan (R6)"),
    "form.group.efforts": ("Insatser och deltagare (I1, I2)",
                           "Efforts and participants (I1, I2)"),
    "form.group.expenditure": ("Utgifter (F1–F4, R4)", "Expenditure (F1–F4, R4)"),
    "form.group.memberships": ("Medlemskap (F3)", "Memberships (F3)"),
    "form.group.board": ("Styrelsen", "The board"),
    "form.cmd.register_partner": ("Registrera partner", "Register a partner"),
    "form.cmd.assess_criterion": ("Bedöm kriterium (C1–C4)", "Assess a criterion (C1–C4)"),
    "form.cmd.onboard_partner": ("Anta partner", "Onboard a partner"),
    "form.cmd.offboard_partner": ("Avsluta partnerskap", "Offboard a partner"),
    "form.cmd.sign_agreement": ("Teckna avtal", "Sign an agreement"),
    "form.cmd.end_agreement": ("Avsluta avtal", "End an agreement"),
    "form.cmd.decide_supervisor_funding": ("Besluta om handledarfinansiering",
                                           "Decide supervisor funding"),
    "form.cmd.pay_supervisor_funding": ("Betala ut handledarfinansiering",
                                        "Pay supervisor funding"),
    "form.cmd.end_supervisor_funding": ("Avsluta handledarfinansiering",
                                        "End supervisor funding"),
    "form.cmd.plan_activity": ("Planera aktivitet", "Plan an activity"),
    "form.cmd.hold_activity": ("Genomför aktivitet", "Hold an activity"),
    "form.cmd.cancel_activity": ("Ställ in aktivitet", "Cancel an activity"),
    "form.cmd.log_structural_work": ("Registrera strukturarbete", "Record structural work"),
    "form.cmd.draft_action_plan": ("Upprätta handlingsplan", "Draft an action plan"),
    "form.cmd.add_action": ("Lägg till åtgärd", "Add an action"),
    "form.cmd.adopt_action_plan": ("Anta handlingsplan", "Adopt an action plan"),
    "form.cmd.complete_action": ("Markera åtgärd som genomförd", "Complete an action"),
    "form.cmd.drop_action": ("Stryk åtgärd", "Drop an action"),
    "form.cmd.start_effort": ("Starta insats", "Start an effort"),
    "form.cmd.report_participants": ("Rapportera deltagare", "Report participants"),
    "form.cmd.report_outcomes": ("Rapportera resultat", "Report outcomes"),
    "form.cmd.complete_effort": ("Avsluta insats", "Complete an effort"),
    "form.cmd.record_expenditure": ("Registrera utgift", "Record expenditure"),
    "form.cmd.join_organisation": ("Gå med i organisation", "Join an organisation"),
    "form.cmd.leave_organisation": ("Lämna organisation", "Leave an organisation"),
    "form.cmd.hold_board_meeting": ("Registrera styrelsemöte", "Hold a board meeting"),
    # privacy: the board's redaction of personal data (issue 15).
    "form.cmd.redact": ("Maskera personuppgifter (styrelsebeslut)",
                        "Redact personal data (board decision)"),
    "form.field.position": ("Position i historiken", "Position in the history"),
    "form.field.field": ("Fält", "Field"),
    "form.field.org_nr": ("Organisationsnummer", "Organisation number"),
    "form.field.name": ("Namn", "Name"),
    "form.field.legal_form": ("Företagsform", "Legal form"),
    "form.field.districts": ("Stadsdelar", "Districts"),
    "form.field.note": ("Anteckning", "Note"),
    "form.field.criterion": ("Kriterium", "Criterion"),
    "form.field.met": ("Uppfyllt", "Met"),
    "form.field.evidence": ("Underlag", "Evidence"),
    "form.field.assessed_on": ("Bedömt den", "Assessed on"),
    "form.field.onboarded_on": ("Antagen den", "Onboarded on"),
    "form.field.decision_ref": ("Beslut (referens)", "Decision (reference)"),
    "form.field.offboarded_on": ("Avslutad den", "Offboarded on"),
    "form.field.reason": ("Skäl", "Reason"),
    "form.field.ref": ("Referens", "Reference"),
    "form.field.kind": ("Slag", "Kind"),
    "form.field.starts_on": ("Startar den", "Starts on"),
    "form.field.ends_on": ("Slutar den", "Ends on"),
    "form.field.value_sek": ("Värde (kr)", "Value (SEK)"),
    "form.field.ended_on": ("Avslutat den", "Ended on"),
    "form.field.employer": ("Handledarens arbetsgivare (part)", "Supervisor's employer (party)"),
    "form.field.amount_sek": ("Belopp (kr)", "Amount (SEK)"),
    "form.field.decided_on": ("Beslutat den", "Decided on"),
    "form.field.fte_percent": ("Tjänstgöringsgrad (%)", "Full-time share (%)"),
    "form.field.target_groups": ("Målgrupper", "Target groups"),
    "form.field.voucher_ref": ("Verifikation", "Voucher"),
    "form.field.paid_on": ("Betalt den", "Paid on"),
    "form.field.payee": ("Betalningsmottagare", "Payee"),
    "form.field.title": ("Rubrik", "Title"),
    "form.field.planned_on": ("Planerad till", "Planned for"),
    "form.field.held_on": ("Hölls den", "Held on"),
    "form.field.attendance": ("Närvarande per grupp", "Attendance by group"),
    "form.field.measure": ("Insats i policyn", "Measure of the policy"),
    "form.field.done_on": ("Utfört den", "Done on"),
    "form.field.description": ("Beskrivning", "Description"),
    "form.field.parties": ("Parter", "Parties"),
    "form.field.year": ("År", "Year"),
    "form.field.operations_plan_ref": ("Verksamhetsplan (referens)",
                                       "Operations plan (reference)"),
    "form.field.action_id": ("Åtgärd (id)", "Action (id)"),
    "form.field.owner": ("Ansvarig", "Owner"),
    "form.field.due_on": ("Klar senast", "Due on"),
    "form.field.adopted_on": ("Antagen den", "Adopted on"),
    "form.field.completed_on": ("Genomförd den", "Completed on"),
    "form.field.outcome": ("Resultat", "Outcome"),
    "form.field.dropped_on": ("Struken den", "Dropped on"),
    "form.field.run_by": ("Drivs av (part)", "Run by (party)"),
    "form.field.budget_sek": ("Budget (kr)", "Budget (SEK)"),
    "form.field.period": ("Period", "Period"),
    "form.field.counts": ("Deltagare per målgrupp", "Participants by target group"),
    "form.field.work": ("Arbete", "Work"),
    "form.field.studies": ("Studier", "Studies"),
    "form.field.job_seeking": ("Arbetssökande", "Job seeking"),
    "form.field.other": ("Annat", "Other"),
    "form.field.purpose": ("Ändamål", "Purpose"),
    "form.field.payee_kind": ("Slag av mottagare", "Kind of payee"),
    "form.field.payee_legal_form": ("Mottagarens företagsform", "Payee's legal form"),
    "form.field.linked_ref": ("Avser (insats eller medlemskap)",
                              "For (effort or membership)"),
    "form.field.joined_on": ("Medlem från", "Joined on"),
    "form.field.left_on": ("Lämnade den", "Left on"),
    "form.field.minutes_ref": ("Protokoll (referens)", "Minutes (reference)"),
    # Terminal UI: the board's report, compliance and settings (tui/screens/reports.py,
    # compliance.py, settings.py) ----------------------------------------------------------
    "ui.screen.reports": ("Styrelserapport", "Board report"),
    "ui.screen.compliance": ("Efterlevnad", "Compliance"),
    "ui.screen.settings": ("Inställningar", "Settings"),
    "ui.key.reports": ("Rapport", "Report"),
    "ui.key.compliance": ("Efterlevnad", "Compliance"),
    "ui.key.settings": ("Inställningar", "Settings"),
    "ui.key.prev_period": ("Föregående period", "Previous period"),
    "ui.key.next_period": ("Nästa period", "Next period"),
    "ui.key.period_kind": ("År/kvartal/månad", "Year/quarter/month"),
    "ui.key.export": ("Exportera", "Export"),
    "ui.key.rerun_proof": ("Bevisa igen", "Prove again"),
    "ui.key.verify_chain": ("Verifiera", "Verify"),
    "ui.key.rebind": ("Byt tangent", "Change key"),
    "ui.key.reset_key": ("Standardtangent", "Default key"),
    "ui.cmd.reports": ("Styrelserapport", "Board report"),
    "ui.cmd.reports_help": ("Förhandsgranska och exportera rapporten för ett år, kvartal "
                            "eller en månad",
                            "Preview and export the report of a year, quarter or month"),
    "ui.cmd.compliance": ("Efterlevnad", "Compliance"),
    "ui.cmd.compliance_help": ("Gå igenom historiken och pröva F1–F4, R1–R9; verifiera "
                               "kedjan",
                               "Replay the history and check F1–F4, R1–R9; verify the chain"),
    "ui.cmd.settings": ("Inställningar", "Settings"),
    "ui.cmd.settings_help": ("Språk, tema och tangenter", "Language, theme and keys"),
    "ui.report.kind.year": ("År", "Year"),
    "ui.report.kind.quarter": ("Kvartal", "Quarter"),
    "ui.report.kind.month": ("Månad", "Month"),
    "ui.report.status": ("{start} – {end} · {events} händelser",
                         "{start} – {end} · {events} events"),
    "ui.report.export_as": ("Exportera som", "Export as"),
    "ui.report.path": ("Fil att skriva", "File to write"),
    "ui.report.export": ("Exportera", "Export"),
    "ui.report.replace": ("{path} finns redan. Ersätta den?",
                          "{path} already exists. Replace it?"),
    "ui.report.replace_yes": ("Ja, ersätt", "Yes, replace"),
    "ui.report.replace_no": ("Nej", "No"),
    "ui.proof.title_col": ("Vad som bevisas", "What is proven"),
    "ui.proof.date": ("Datum", "Date"),
    "ui.proof.detail": ("Vad", "What"),
    "ui.proof.running": ("Går igenom historiken: {done} av {total} händelser …",
                         "Replaying the history: {done} of {total} events …"),
    "ui.proof.done": ("{events} händelser granskade, position {first}–{last}",
                      "{events} events examined, positions {first}–{last}"),
    "ui.proof.as_of": ("per {day}", "as of {day}"),
    "ui.proof.violations_of": ("Överträdelser av {code}: {n} (enter öppnar händelsen)",
                               "Violations of {code}: {n} (enter opens the event)"),
    "ui.proof.none_of": ("Inga överträdelser av {code}", "No violations of {code}"),
    "ui.verify.title": ("Verifiera revisionskedjan", "Verify the audit chain"),
    "ui.verify.explain": (
        "Räknar om kedjan ur de lagrade händelserna. Ange en kontrollpunktsfil "
        "(asfledger checkpoint, ur styrelsens protokoll) för att jämföra med den, eller "
        "lämna tomt för att bara kontrollera kedjan.",
        "Recomputes the chain from the stored events. Give a checkpoint file (asfledger "
        "checkpoint, from the board's minutes) to check against it, or leave it empty to "
        "check the chain alone."),
    "ui.verify.path": ("Kontrollpunktsfil, t.ex. kontrollpunkt-2026-11.txt",
                       "Checkpoint file, e.g. checkpoint-2026-11.txt"),
    "ui.verify.run": ("Verifiera", "Verify"),
    "ui.verify.unreadable": ("kan inte läsa {path}: {error}", "cannot read {path}: {error}"),
    "ui.settings.file": ("Sparas i {path}", "Saved in {path}"),
    "ui.settings.language": ("Språk", "Language"),
    "ui.settings.theme": ("Tema", "Theme"),
    "ui.settings.keys": (
        "Tangenter: enter byter tangent, del ger standardtangenten tillbaka.",
        "Keys: enter changes a key, del gives the default key back."),
    "ui.settings.col.does": ("Gör", "Does"),
    "ui.settings.col.default": ("Standard", "Default"),
    "ui.settings.col.id": ("Id", "Id"),
    "ui.settings.press_key": ("Tryck den nya tangenten för: {what} (Esc avbryter)",
                              "Press the new key for: {what} (Esc cancels)"),
    "ui.settings.saved": ("Sparat: {what} ({path})", "Saved: {what} ({path})"),
    "ui.settings.unwritable": ("Inställningarna kunde inte sparas: {error}",
                               "The settings could not be saved: {error}"),
    # Subjects --------------------------------------------------------------------------
    "kind.partner": ("partnern", "partner"),
    "kind.agreement": ("avtalet", "agreement"),
    "kind.supervisor_funding": ("handledarfinansieringen", "supervisor funding"),
    "kind.activity": ("aktiviteten", "activity"),
    "kind.structural_work": ("strukturarbetet", "structural work"),
    "kind.action_plan": ("handlingsplanen", "action plan"),
    "kind.effort": ("insatsen", "effort"),
    "kind.expenditure": ("utgiften", "expenditure"),
    "kind.membership": ("medlemskapet", "membership"),
    "kind.board_meeting": ("styrelsemötet", "board meeting"),
    "kind.redaction": ("maskeringen", "redaction"),
    # Terminal UI: first cut (tui/) ----------------------------------------------------
    "ui.title": ("ASF-liggaren", "ASF ledger"),
    "ui.read_only_at": ("{location} · skrivskyddad", "{location} · read-only"),
    "ui.opened_unwritable": (
        "Du kan inte skriva i den här filen, så den är öppnad skrivskyddad.",
        "You cannot write this file, so it is open read-only."),
    "ui.opened_unwritable_role": (
        "Din databasroll får bara läsa den här liggaren, så den är öppnad skrivskyddad.",
        "Your database role may only read this ledger, so it is open read-only."),
    "ui.changed": ("liggaren har {events} nya händelser", "the ledger has {events} new events"),
    "ui.poll_failed": ("kan inte läsa liggaren: {error}", "cannot read the ledger: {error}"),
    "ui.screen.dashboard": ("Översikt", "Dashboard"),
    "ui.screen.history": ("Historik", "History"),
    "ui.screen.welcome": ("Välkommen", "Welcome"),
    "ui.key.quit": ("Avsluta", "Quit"),
    "ui.key.help": ("Hjälp", "Help"),
    "ui.key.dashboard": ("Översikt", "Dashboard"),
    "ui.key.history": ("Historik", "History"),
    "ui.key.language": ("Byt språk", "Switch language"),
    "ui.key.year": ("År", "Year"),
    "ui.key.period": ("Period", "Period"),
    "ui.key.prev_year": ("Föregående år", "Previous year"),
    "ui.key.next_year": ("Nästa år", "Next year"),
    "ui.key.reload": ("Läs om", "Reload"),
    "ui.key.next_page": ("Nästa sida", "Next page"),
    "ui.key.prev_page": ("Föregående sida", "Previous page"),
    "ui.key.filter": ("Filtrera", "Filter"),
    "ui.key.clear_filter": ("Rensa filtret", "Clear filter"),
    "ui.key.close": ("Stäng", "Close"),
    # Corrections in the UI (tui/corrections.py, issue 15) ------------------------------
    "ui.key.correct": ("Rätta…", "Correct…"),
    "corr.nothing": ("{position}: inget att rätta, återföra eller makulera här (eller det "
                     "är redan gjort)",
                     "{position}: nothing to correct, reverse or void here (or it is done "
                     "already)"),
    "corr.pick.title": ("Rätta {position}", "Correct {position}"),
    "corr.pick.correct_fact": ("Rätta {field} (nu {before})", "Correct {field} (now {before})"),
    "corr.pick.reverse_payment": ("Återför utbetalningen {voucher} ({before})",
                                  "Reverse payment {voucher} ({before})"),
    "corr.pick.reverse_expenditure": ("Återför utgiften {key} ({before})",
                                      "Reverse expenditure {key} ({before})"),
    "corr.pick.void_decision": ("Makulera {key}: registrerad eller beslutad av misstag",
                                "Void {key}: registered or decided by mistake"),
    "corr.title.correct_fact": ("Rätta {field} för {kind} {key}",
                                "Correct {field} of {kind} {key}"),
    "corr.title.reverse_payment": ("Återför utbetalningen {voucher} för {kind} {key}",
                                   "Reverse payment {voucher} of {kind} {key}"),
    "corr.title.reverse_expenditure": ("Återför {kind} {key}", "Reverse {kind} {key}"),
    "corr.title.void_decision": ("Makulera {kind} {key}", "Void {kind} {key}"),
    "corr.before": ("Nu: {before}", "Now: {before}"),
    "corr.counts": ("räknas i rapporterna", "counts in the reports"),
    "corr.field.value": ("Nytt värde för {field}", "New value of {field}"),
    "corr.field.reversed_on": ("Återförd den (ÅÅÅÅ-MM-DD)", "Reversed on (YYYY-MM-DD)"),
    "corr.field.reason": ("Skäl", "Reason"),
    "corr.field.decision_ref": ("Beslut (krävs: originalet var ett beslut)",
                                "Decision (required: the original was a decision)"),
    "corr.field.decision_ref_optional": ("Beslut (frivilligt)", "Decision (optional)"),
    "corr.why": ("Originalet ändras aldrig: rättelsen blir en ny händelse som visar vad, "
                 "när, av vem och varför (bokföringslagen 5 kap. 5 §).",
                 "The original is never changed: the correction is a new event showing "
                 "what, when, by whom and why (Bokföringslagen 5 kap. 5 §)."),
    "corr.invalid": ("Ogiltigt: {error}", "Not valid: {error}"),
    "corr.label.before": ("Före", "Before"),
    "corr.label.after": ("Efter", "After"),
    "corr.label.reason": ("Skäl", "Reason"),
    "corr.label.decision": ("Beslut", "Decision"),
    "corr.after.reverse_payment": ("återförd: räknas inte längre, nettot betalt minskar",
                                   "reversed: no longer counted, the net paid goes down"),
    "corr.after.reverse_expenditure": ("återförd: räknas inte längre",
                                       "reversed: no longer counted"),
    "corr.after.void_decision": ("makulerad: räknas ingenstans, inget mer kan registreras "
                                 "på den", "void: counted nowhere, nothing more can be "
                                 "recorded on it"),
    "corr.recorded": ("Rättelsen är registrerad; originalet finns kvar i historiken",
                      "The correction is recorded; the original stays in the history"),
    "ui.key.palette": ("Kommandon", "Commands"),
    "ui.key.demo": ("Demohistorik", "Demo history"),
    "ui.key.start": ("Börja registrera", "Start recording"),
    "ui.cmd.dashboard": ("Översikt", "Dashboard"),
    "ui.cmd.dashboard_help": ("Årets siffror och de senaste besluten",
                              "The year's figures and the latest decisions"),
    "ui.cmd.history": ("Historik", "History"),
    "ui.cmd.history_help": ("Alla händelser i liggaren, sida för sida",
                            "Every event in the ledger, page by page"),
    "ui.cmd.language": ("Byt språk", "Switch language"),
    "ui.cmd.help": ("Hjälp: tangenterna", "Help: the keys"),
    "ui.cmd.help_help": ("Tangenterna i vyn du är i (F1)",
                         "The keys of the screen you are on (F1)"),
    "ui.cmd.screen_key_help": ("I den här vyn, tangent {key}", "On this screen, key {key}"),
    "ui.cmd.language_help": ("Växla mellan svenska och engelska",
                             "Switch between Swedish and English"),
    "ui.col.position": ("Nr", "No."),
    "ui.col.time": ("Tid", "Time"),
    "ui.col.actor": ("Registrerad av", "Recorded by"),
    "ui.col.type": ("Händelse", "Event"),
    "ui.col.subject": ("Gäller", "Subject"),
    "ui.welcome.title": ("Välkommen till ASF-liggaren", "Welcome to the ASF ledger"),
    "ui.welcome.body": (
        "Liggaren på {location} är tom. Ladda en demohistorik för att se hur den ser ut, "
        "eller börja registrera beslut.",
        "The ledger at {location} is empty. Load a demo history to see how it looks, "
        "or start recording decisions."),
    "ui.welcome.demo": ("Ladda demohistorik ({years} år)", "Load the demo history ({years} years)"),
    "ui.welcome.start": ("Börja registrera", "Start recording"),
    "ui.welcome.demo_read_only": (
        "Liggaren är öppnad skrivskyddad, så demohistoriken kan inte skrivas.",
        "The ledger is open read-only, so the demo history cannot be written."),
    "ui.welcome.loading": ("Laddar demohistoriken …", "Loading the demo history …"),
    "ui.welcome.demo_failed": ("Demohistoriken kunde inte laddas: {error}",
                               "The demo history could not be loaded: {error}"),
    "ui.dash.title": ("{year}, per {day} · {events} händelser",
                      "{year}, as of {day} · {events} events"),
    "ui.dash.title_back": ("{year}, {when} · {events:|händelse|händelser}",
                           "{year}, {when} · {events:|event|events}"),
    "ui.dash.partners": ("Partner", "Partners"),
    "ui.dash.funding": ("Handledarfinansiering (I3)", "Supervisor funding (I3)"),
    "ui.dash.activities": ("Aktiviteter (S7)", "Activities (S7)"),
    "ui.dash.plan": ("Handlingsplan", "Action plan"),
    "ui.dash.participants": ("Deltagare per målgrupp", "Participants by target group"),
    "ui.dash.expenditure": ("Utgifter", "Expenditure"),
    "ui.dash.latest": ("Senaste besluten", "Latest decisions"),
    "ui.dash.partners_onboarded": ("Antagna per {day}: {count}",
                                   "Onboarded as of {day}: {count}"),
    "ui.dash.partners_in_year": ("Antagna under året: {count}",
                                 "Onboarded in the year: {count}"),
    "ui.dash.funding_decided": ("Beslutade: {count}, {amount}", "Decided: {count}, {amount}"),
    "ui.dash.funding_paid": ("Utbetalt: {amount}", "Paid: {amount}"),
    "ui.dash.activities_held": ("Genomförda: {count}", "Held: {count}"),
    "ui.dash.attendance": ("Deltagande: {count}", "Attendance: {count}"),
    "ui.dash.plan_progress": ("Genomförda åtgärder: {completed} av {total} ({dropped} strukna)",
                              "Actions completed: {completed} of {total} ({dropped} dropped)"),
    "ui.dash.plan_adopted": ("Antagen {day}", "Adopted on {day}"),
    "ui.dash.plan_draft": ("Utkast, inte antagen", "Draft, not adopted"),
    "ui.dash.plan_none": ("Ingen handlingsplan för {year}", "No action plan for {year}"),
    "ui.dash.plan_r8_missing": ("✗ R8: året slutade utan antagen handlingsplan",
                                "✗ R8: the year ended without an adopted action plan"),
    "ui.dash.plan_r8_open": ("? R8: öppen tills planen antas eller året slutar",
                             "? R8: open until the plan is adopted or the year ends"),
    "ui.dash.participants_total": ("Totalt: {count}", "Total: {count}"),
    "ui.dash.expenditure_total": ("Totalt: {amount}", "Total: {amount}"),
    "ui.dash.expenditure_funding": ("varav handledarfinansiering: {amount}",
                                    "of which supervisor funding: {amount}"),
    "ui.history.filter": ("Filtrera på händelse, gäller eller registrerad av",
                          "Filter by event, subject or recorded by"),
    "ui.history.rows": ("rader {first}–{last} av {total} · sida {page} av {pages}",
                        "rows {first}–{last} of {total} · page {page} of {pages}"),
    "ui.history.none": ("inga händelser", "no events"),
    "ui.help.title": ("Tangenter · {screen}", "Keys · {screen}"),
    "ui.help.key": ("Tangent", "Key"),
    "ui.help.action": ("Gör", "Does"),
    "ui.help.close": ("Esc, F1 eller ? stänger. Ctrl+P öppnar kommandopaletten.",
                      "Esc, F1 or ? closes. Ctrl+P opens the command palette."),
}


class _Plurals(string.Formatter):
    """``{n:|kommando|kommandon}`` → ``1 kommando``, ``2 kommandon``: the count, then the
    word in its singular (exactly one) or plural form."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("|"):
            one, _, many = format_spec[1:].partition("|")
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


_PLURALS = _Plurals()


def translate(message_key: str, lang: str, /, **params: Any) -> str:
    """The message ``message_key`` in ``lang`` (``sv`` or ``en``), ``params`` filled in;
    ``{n:|one|many}`` gives the count with the word in the right number."""
    sv, en = MESSAGES[message_key]
    template = sv if lang == "sv" else en
    if not params:
        return template
    if ":|" in template:
        return _PLURALS.format(template, **params)
    return template.format(**params)
