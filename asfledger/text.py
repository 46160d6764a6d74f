"""The application's messages in Swedish and English: the command line, storage, import,
the audit (trust, proof, replay), the reports and security.

Keys not found here are looked up in the layers below (``projections.text``); see
domain/text.py.
"""

from __future__ import annotations

from typing import Final

from domain.text import Catalogue
from domain.words import Words
from projections.text import CATALOGUE as BELOW

MESSAGES: Final[dict[str, Words]] = {
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
    "report.expenditure.title": ("Utgifter", "Expenditure"),
    "report.corrections.title": ("Rättelser", "Corrections"),
    "report.corrections.text": (
        "Under perioden återfördes {reversed} utbetalningar ({amount}), rättades {corrected} "
        "registrerade uppgifter och makulerades {voided} registreringar eller beslut. "
        "Originalen står kvar i liggaren bredvid rättelserna, med vem, när och varför "
        "(bokföringslagen 5 kap. 5 §); siffrorna ovan är de rättade.",
        "In the period {reversed} payments were reversed ({amount}), {corrected} recorded "
        "facts corrected and {voided} registrations or decisions voided. The originals stay "
        "in the ledger beside the corrections, with who, when and why (Bokföringslagen "
        "5 kap. 5 §); the figures above are the corrected ones."),
    "report.corrections.kind": ("Rättelse", "Correction"),
    "report.corrections.reversed": ("Återförda utbetalningar", "Payments reversed"),
    "report.corrections.reversed_sek": ("Återfört belopp", "Amount reversed"),
    "report.corrections.corrected": ("Rättade uppgifter", "Facts corrected"),
    "report.corrections.voided": ("Makulerade registreringar", "Registrations voided"),
    "report.sheet.corrections": ("Rättelser", "Corrections"),
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
}

# A quarter's ordinal, by its number: the title page says "Första kvartalet 2026".
QUARTER_ORDINALS: Final[dict[str, Words]] = {
    "1": ("Första", "First"),
    "2": ("Andra", "Second"),
    "3": ("Tredje", "Third"),
    "4": ("Fjärde", "Fourth"),
}

# The months by their number, as a report's period names them.
MONTH_NAMES: Final[dict[str, Words]] = {
    "1": ("Januari", "January"),
    "2": ("Februari", "February"),
    "3": ("Mars", "March"),
    "4": ("April", "April"),
    "5": ("Maj", "May"),
    "6": ("Juni", "June"),
    "7": ("Juli", "July"),
    "8": ("Augusti", "August"),
    "9": ("September", "September"),
    "10": ("Oktober", "October"),
    "11": ("November", "November"),
    "12": ("December", "December"),
}

# The attendance groups that are not a party, as the board's report names them.
REPORT_GROUPS: Final[dict[str, Words]] = {
    "asf": ("ASF", "ASF"),
    "participants": ("deltagare ur målgruppen", "participants of the target group"),
    "other": ("övriga", "others"),
}

# What participants went on to (an effort's outcomes), by the outcome's key.
OUTCOME_NAMES: Final[dict[str, Words]] = {
    "work": ("arbete", "work"),
    "studies": ("studier", "studies"),
    "job_seeking": ("arbetssökande", "job seeking"),
    "other": ("annat", "other"),
}

CATALOGUE: Final = Catalogue(MESSAGES, below=BELOW)
translate: Final = CATALOGUE.translate
