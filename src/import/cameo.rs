//! CAMEO event codes → polgraph actions, shared by the ICEWS and GDELT
//! importers.
//!
//! The table lists every code of the CAMEO 1.1b3 codebook — the 20 root
//! codes, their 3-digit and 4-digit sub-codes — with its codebook label and
//! the built-in action (see `polgraph actions`) it becomes. Where the
//! vocabulary has no action as fine as the code (e.g. 0212 "appeal for
//! military cooperation"), the code maps to the action of its parent; the
//! exact code is always kept on the edge as the attribute `cameo`.
//!
//! [`action`] looks a code up exactly, then by its 3-digit and 2-digit
//! prefixes, and accepts codes that lost their leading zero in a
//! spreadsheet (`42` for `042`).

/// (CAMEO code, codebook label, polgraph action).
#[rustfmt::skip]
pub const TABLE: &[(&str, &str, &str)] = &[
    ("01", "make public statement", "stated"),
    ("010", "make statement", "stated"),
    ("011", "decline comment", "abstained"),
    ("012", "make pessimistic comment", "commented"),
    ("013", "make optimistic comment", "commented"),
    ("014", "consider policy option", "stated"),
    ("015", "acknowledge or claim responsibility", "acknowledged"),
    ("016", "deny responsibility", "responded"),
    ("017", "engage in symbolic act", "stated"),
    ("018", "make empathetic comment", "commented"),
    ("019", "express accord", "agreed"),
    ("02", "appeal", "appealed"),
    ("020", "make an appeal or request", "appealed"),
    ("021", "appeal for material cooperation", "requested"),
    ("0211", "appeal for economic cooperation", "requested"),
    ("0212", "appeal for military cooperation", "requested"),
    ("0213", "appeal for judicial cooperation", "requested"),
    ("0214", "appeal for intelligence", "requested"),
    ("022", "appeal for diplomatic cooperation", "appealed"),
    ("023", "appeal for aid", "requested"),
    ("0231", "appeal for economic aid", "requested"),
    ("0232", "appeal for military aid", "requested"),
    ("0233", "appeal for humanitarian aid", "requested"),
    ("0234", "appeal for military protection or peacekeeping", "requested"),
    ("024", "appeal for political reform", "urged"),
    ("0241", "appeal for change in leadership", "urged"),
    ("0242", "appeal for policy change", "urged"),
    ("0243", "appeal for rights", "urged"),
    ("0244", "appeal for change in institutions, regime", "urged"),
    ("025", "appeal to yield", "urged"),
    ("0251", "appeal for easing of administrative sanctions", "urged"),
    ("0252", "appeal for easing of popular dissent", "urged"),
    ("0253", "appeal for release of persons or property", "urged"),
    ("0254", "appeal for easing of economic sanctions, boycott, or embargo", "urged"),
    ("0255", "appeal for target to allow international involvement", "urged"),
    ("0256", "appeal for de-escalation of military engagement", "urged"),
    ("026", "appeal to others to meet or negotiate", "called_for"),
    ("027", "appeal to others to settle dispute", "called_for"),
    ("028", "appeal to others to engage in or accept mediation", "called_for"),
    ("03", "express intent to cooperate", "promised"),
    ("030", "express intent to cooperate", "promised"),
    ("031", "express intent to engage in material cooperation", "promised"),
    ("0311", "express intent to cooperate economically", "promised"),
    ("0312", "express intent to cooperate militarily", "promised"),
    ("0313", "express intent to cooperate on judicial matters", "promised"),
    ("0314", "express intent to cooperate on intelligence", "promised"),
    ("032", "express intent to provide diplomatic cooperation", "promised"),
    ("033", "express intent to provide material aid", "pledged"),
    ("0331", "express intent to provide economic aid", "pledged"),
    ("0332", "express intent to provide military aid", "pledged"),
    ("0333", "express intent to provide humanitarian aid", "pledged"),
    ("0334", "express intent to provide military protection or peacekeeping", "pledged"),
    ("034", "express intent to institute political reform", "promised"),
    ("0341", "express intent to change leadership", "promised"),
    ("0342", "express intent to change policy", "promised"),
    ("0343", "express intent to provide rights", "promised"),
    ("0344", "express intent to change institutions, regime", "promised"),
    ("035", "express intent to yield", "promised"),
    ("0351", "express intent to ease administrative sanctions", "promised"),
    ("0352", "express intent to ease popular dissent", "promised"),
    ("0353", "express intent to release persons or property", "promised"),
    ("0354", "express intent to ease economic sanctions, boycott, or embargo", "promised"),
    ("0355", "express intent to allow international involvement", "promised"),
    ("0356", "express intent to de-escalate military engagement", "promised"),
    ("036", "express intent to meet or negotiate", "invited"),
    ("037", "express intent to settle dispute", "offered"),
    ("038", "express intent to accept mediation", "agreed"),
    ("039", "express intent to mediate", "offered"),
    ("04", "consult", "consulted"),
    ("040", "consult", "consulted"),
    ("041", "discuss by telephone", "consulted"),
    ("042", "make a visit", "visited"),
    ("043", "host a visit", "hosted"),
    ("044", "meet at a third location", "met"),
    ("045", "mediate", "mediated"),
    ("046", "engage in negotiation", "negotiated"),
    ("05", "engage in diplomatic cooperation", "supported"),
    ("050", "engage in diplomatic cooperation", "supported"),
    ("051", "praise or endorse", "praised"),
    ("052", "defend verbally", "defended"),
    ("053", "rally support on behalf of", "campaigned_for"),
    ("054", "grant diplomatic recognition", "recognized"),
    ("055", "apologize", "apologized"),
    ("056", "forgive", "forgave"),
    ("057", "sign formal agreement", "signed"),
    ("06", "engage in material cooperation", "cooperated"),
    ("060", "engage in material cooperation", "cooperated"),
    ("061", "cooperate economically", "cooperated"),
    ("062", "cooperate militarily", "cooperated"),
    ("063", "engage in judicial cooperation", "cooperated"),
    ("064", "share intelligence or information", "cooperated"),
    ("07", "provide aid", "aided"),
    ("070", "provide aid", "aided"),
    ("071", "provide economic aid", "funded"),
    ("072", "provide military aid", "aided"),
    ("073", "provide humanitarian aid", "aided"),
    ("074", "provide military protection or peacekeeping", "aided"),
    ("075", "grant asylum", "granted"),
    ("08", "yield", "conceded"),
    ("080", "yield", "conceded"),
    ("081", "ease administrative sanctions", "pardoned"),
    ("0811", "ease restrictions on political freedoms", "conceded"),
    ("0812", "ease ban on political parties or politicians", "conceded"),
    ("0813", "ease curfew", "conceded"),
    ("0814", "ease state of emergency or martial law", "conceded"),
    ("082", "ease political dissent", "conceded"),
    ("083", "accede to requests or demands for political reform", "conceded"),
    ("0831", "accede to demands for change in leadership", "conceded"),
    ("0832", "accede to demands for change in policy", "conceded"),
    ("0833", "accede to demands for rights", "conceded"),
    ("0834", "accede to demands for change in institutions, regime", "conceded"),
    ("084", "return, release", "released"),
    ("0841", "return, release person(s)", "released"),
    ("0842", "return, release property", "released"),
    ("085", "ease economic sanctions, boycott, embargo", "lifted_sanctions"),
    ("086", "allow international involvement", "conceded"),
    ("0861", "receive deployment of peacekeepers", "conceded"),
    ("0862", "receive inspectors", "conceded"),
    ("0863", "allow delivery of humanitarian aid", "conceded"),
    ("087", "de-escalate military engagement", "withdrew"),
    ("0871", "declare truce, ceasefire", "declared_ceasefire"),
    ("0872", "ease military blockade", "withdrew"),
    ("0873", "demobilize armed forces", "withdrew"),
    ("0874", "retreat or surrender militarily", "withdrew"),
    ("09", "investigate", "investigated"),
    ("090", "investigate", "investigated"),
    ("091", "investigate crime, corruption", "investigated"),
    ("092", "investigate human rights abuses", "investigated"),
    ("093", "investigate military action", "investigated"),
    ("094", "investigate war crimes", "investigated"),
    ("10", "demand", "demanded"),
    ("100", "demand", "demanded"),
    ("101", "demand material cooperation", "demanded"),
    ("1011", "demand economic cooperation", "demanded"),
    ("1012", "demand military cooperation", "demanded"),
    ("1013", "demand judicial cooperation", "demanded"),
    ("1014", "demand intelligence cooperation", "demanded"),
    ("102", "demand diplomatic cooperation", "demanded"),
    ("103", "demand aid", "demanded"),
    ("1031", "demand economic aid", "demanded"),
    ("1032", "demand military aid", "demanded"),
    ("1033", "demand humanitarian aid", "demanded"),
    ("1034", "demand military protection or peacekeeping", "demanded"),
    ("104", "demand political reform", "demanded"),
    ("1041", "demand change in leadership", "demanded"),
    ("1042", "demand policy change", "demanded"),
    ("1043", "demand rights", "demanded"),
    ("1044", "demand change in institutions, regime", "demanded"),
    ("105", "demand that target yields", "demanded"),
    ("1051", "demand easing of administrative sanctions", "demanded"),
    ("1052", "demand easing of political dissent", "demanded"),
    ("1053", "demand release of persons or property", "demanded"),
    ("1054", "demand easing of economic sanctions, boycott, or embargo", "demanded"),
    ("1055", "demand that target allows international involvement", "demanded"),
    ("1056", "demand de-escalation of military engagement", "demanded"),
    ("106", "demand meeting, negotiation", "demanded"),
    ("107", "demand settling of dispute", "demanded"),
    ("108", "demand mediation", "demanded"),
    ("11", "disapprove", "opposed"),
    ("110", "disapprove", "opposed"),
    ("111", "criticize or denounce", "criticized"),
    ("112", "accuse", "accused"),
    ("1121", "accuse of crime, corruption", "accused"),
    ("1122", "accuse of human rights abuses", "accused"),
    ("1123", "accuse of aggression", "accused"),
    ("1124", "accuse of war crimes", "accused"),
    ("1125", "accuse of espionage, treason", "accused"),
    ("113", "rally opposition against", "opposed"),
    ("114", "complain officially", "complained"),
    ("115", "bring lawsuit against", "sued"),
    ("116", "find guilty or liable (legally)", "convicted"),
    ("12", "reject", "rejected"),
    ("120", "reject", "rejected"),
    ("121", "reject material cooperation", "rejected"),
    ("1211", "reject economic cooperation", "rejected"),
    ("1212", "reject military cooperation", "rejected"),
    ("122", "reject request or demand for material aid", "refused"),
    ("1221", "reject request for economic aid", "refused"),
    ("1222", "reject request for military aid", "refused"),
    ("1223", "reject request for humanitarian aid", "refused"),
    ("1224", "reject request for military protection or peacekeeping", "refused"),
    ("123", "reject request or demand for political reform", "refused"),
    ("1231", "reject request for change in leadership", "refused"),
    ("1232", "reject request for policy change", "refused"),
    ("1233", "reject request for rights", "refused"),
    ("1234", "reject request for change in institutions, regime", "refused"),
    ("124", "refuse to yield", "refused"),
    ("1241", "refuse to ease administrative sanctions", "refused"),
    ("1242", "refuse to ease popular dissent", "refused"),
    ("1243", "refuse to release persons or property", "refused"),
    ("1244", "refuse to ease economic sanctions, boycott, or embargo", "refused"),
    ("1245", "refuse to allow international involvement", "refused"),
    ("1246", "refuse to de-escalate military engagement", "refused"),
    ("125", "reject proposal to meet, discuss, or negotiate", "rejected"),
    ("126", "reject mediation", "rejected"),
    ("127", "reject plan, agreement to settle dispute", "rejected"),
    ("128", "defy norms, law", "rejected"),
    ("129", "veto", "vetoed"),
    ("13", "threaten", "threatened"),
    ("130", "threaten", "threatened"),
    ("131", "threaten non-force", "threatened"),
    ("1311", "threaten to reduce or stop aid", "threatened"),
    ("1312", "threaten to boycott, embargo, or sanction", "threatened"),
    ("1313", "threaten to reduce or break relations", "threatened"),
    ("132", "threaten with administrative sanctions", "threatened"),
    ("1321", "threaten to impose restrictions on political freedoms", "threatened"),
    ("1322", "threaten to ban political parties or politicians", "threatened"),
    ("1323", "threaten to impose curfew", "threatened"),
    ("1324", "threaten to impose state of emergency or martial law", "threatened"),
    ("133", "threaten political dissent, protest", "threatened"),
    ("134", "threaten to halt negotiations", "threatened"),
    ("135", "threaten to halt mediation", "threatened"),
    ("136", "threaten to halt international involvement", "threatened"),
    ("137", "threaten with violent repression", "threatened"),
    ("138", "threaten to use military force", "threatened"),
    ("1381", "threaten blockade", "threatened"),
    ("1382", "threaten occupation", "threatened"),
    ("1383", "threaten unconventional violence", "threatened"),
    ("1384", "threaten conventional attack", "threatened"),
    ("1385", "threaten attack with WMD", "threatened"),
    ("139", "give ultimatum", "issued_ultimatum"),
    ("14", "protest", "protested"),
    ("140", "engage in political dissent", "protested"),
    ("141", "demonstrate or rally", "demonstrated"),
    ("1411", "demonstrate for leadership change", "demonstrated"),
    ("1412", "demonstrate for policy change", "demonstrated"),
    ("1413", "demonstrate for rights", "demonstrated"),
    ("1414", "demonstrate for change in institutions, regime", "demonstrated"),
    ("142", "conduct hunger strike", "protested"),
    ("1421", "conduct hunger strike for leadership change", "protested"),
    ("1422", "conduct hunger strike for policy change", "protested"),
    ("1423", "conduct hunger strike for rights", "protested"),
    ("1424", "conduct hunger strike for change in institutions, regime", "protested"),
    ("143", "conduct strike or boycott", "boycotted"),
    ("1431", "conduct strike or boycott for leadership change", "boycotted"),
    ("1432", "conduct strike or boycott for policy change", "boycotted"),
    ("1433", "conduct strike or boycott for rights", "boycotted"),
    ("1434", "conduct strike or boycott for change in institutions, regime", "boycotted"),
    ("144", "obstruct passage, block", "demonstrated"),
    ("1441", "obstruct passage to demand leadership change", "demonstrated"),
    ("1442", "obstruct passage to demand policy change", "demonstrated"),
    ("1443", "obstruct passage to demand rights", "demonstrated"),
    ("1444", "obstruct passage to demand change in institutions, regime", "demonstrated"),
    ("145", "protest violently, riot", "demonstrated"),
    ("1451", "engage in violent protest for leadership change", "demonstrated"),
    ("1452", "engage in violent protest for policy change", "demonstrated"),
    ("1453", "engage in violent protest for rights", "demonstrated"),
    ("1454", "engage in violent protest for change in institutions, regime", "demonstrated"),
    ("15", "exhibit force posture", "mobilized"),
    ("150", "demonstrate military or police power", "mobilized"),
    ("151", "increase police alert status", "mobilized"),
    ("152", "increase military alert status", "mobilized"),
    ("153", "mobilize or increase police power", "mobilized"),
    ("154", "mobilize or increase armed forces", "mobilized"),
    ("155", "mobilize or increase cyber-forces", "mobilized"),
    ("16", "reduce relations", "withdrew_from"),
    ("160", "reduce relations", "withdrew_from"),
    ("161", "reduce or break diplomatic relations", "severed_ties"),
    ("162", "reduce or stop material aid", "cut_aid"),
    ("1621", "reduce or stop economic assistance", "cut_aid"),
    ("1622", "reduce or stop military assistance", "cut_aid"),
    ("1623", "reduce or stop humanitarian assistance", "cut_aid"),
    ("163", "impose embargo, boycott, or sanctions", "sanctioned"),
    ("164", "halt negotiations", "withdrew_from"),
    ("165", "halt mediation", "withdrew_from"),
    ("166", "expel or withdraw", "expelled"),
    ("1661", "expel or withdraw peacekeepers", "expelled"),
    ("1662", "expel or withdraw inspectors, observers", "expelled"),
    ("1663", "expel or withdraw aid agencies", "expelled"),
    ("17", "coerce", "arrested"),
    ("170", "coerce", "arrested"),
    ("171", "seize or damage property", "seized"),
    ("1711", "confiscate property", "seized"),
    ("1712", "destroy property", "seized"),
    ("172", "impose administrative sanctions", "banned"),
    ("1721", "impose restrictions on political freedoms", "banned"),
    ("1722", "ban political parties or politicians", "banned"),
    ("1723", "impose curfew", "banned"),
    ("1724", "impose state of emergency or martial law", "banned"),
    ("173", "arrest, detain, or charge with legal action", "arrested"),
    ("174", "expel or deport individuals", "deported"),
    ("175", "use tactics of violent repression", "attacked"),
    ("176", "attack cybernetically", "attacked"),
    ("18", "assault", "attacked"),
    ("180", "use unconventional violence", "attacked"),
    ("181", "abduct, hijack, or take hostage", "detained"),
    ("182", "physically assault", "attacked"),
    ("1821", "sexually assault", "attacked"),
    ("1822", "torture", "attacked"),
    ("1823", "kill by physical assault", "killed"),
    ("183", "conduct suicide, car, or other non-military bombing", "attacked"),
    ("1831", "carry out suicide bombing", "attacked"),
    ("1832", "carry out vehicular bombing", "attacked"),
    ("1833", "carry out roadside bombing", "attacked"),
    ("1834", "carry out location bombing", "attacked"),
    ("184", "use as human shield", "attacked"),
    ("185", "attempt to assassinate", "attacked"),
    ("186", "assassinate", "assassinated"),
    ("19", "fight", "fought"),
    ("190", "use conventional military force", "fought"),
    ("191", "impose blockade, restrict movement", "fought"),
    ("192", "occupy territory", "occupied"),
    ("193", "fight with small arms and light weapons", "fought"),
    ("194", "fight with artillery and tanks", "fought"),
    ("195", "employ aerial weapons", "fought"),
    ("1951", "employ precision-guided aerial munitions", "fought"),
    ("1952", "employ remotely piloted aerial munitions", "fought"),
    ("196", "violate ceasefire", "fought"),
    ("20", "use unconventional mass violence", "killed"),
    ("200", "use unconventional mass violence", "killed"),
    ("201", "engage in mass expulsion", "deported"),
    ("202", "engage in mass killings", "killed"),
    ("203", "engage in ethnic cleansing", "killed"),
    ("204", "use weapons of mass destruction", "attacked"),
    ("2041", "use chemical, biological, or radiological weapons", "attacked"),
    ("2042", "detonate nuclear weapons", "attacked"),
];

/// The codebook entry (code, label, action) of a CAMEO code: the exact code,
/// else its 3-digit, else its 2-digit (root) prefix. Codes of 2–4 ASCII
/// digits; a 2- or 3-digit code whose root is not 01–20 is tried with a
/// leading zero (`42` → `042`). `None` for anything else.
pub fn lookup(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let code = code.trim();
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let exact = |c: &str| TABLE.iter().find(|e| e.0 == c);
    let by_prefix = |c: &str| {
        exact(c)
            .or_else(|| c.get(..3).and_then(exact))
            .or_else(|| c.get(..2).and_then(exact))
    };
    let root_ok = |c: &str| c.get(..2).is_some_and(|r| exact(r).is_some());
    if root_ok(code) {
        return by_prefix(code);
    }
    if code.len() < 4 {
        let padded = format!("0{code}");
        if root_ok(&padded) {
            return by_prefix(&padded);
        }
    }
    None
}

/// The polgraph action for a CAMEO code (see [`lookup`]).
pub fn action(code: &str) -> Option<&'static str> {
    lookup(code).map(|e| e.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vocabulary;

    #[test]
    fn every_code_maps_to_a_builtin_event() {
        let v = Vocabulary::builtin();
        for (code, label, act) in TABLE {
            let def = v
                .get(act)
                .unwrap_or_else(|| panic!("{code} {label}: unknown action {act}"));
            assert!(!def.tie, "{code}: {act} is a tie");
            assert_eq!(action(code), Some(*act), "{code}");
        }
        let mut codes: Vec<&str> = TABLE.iter().map(|e| e.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), TABLE.len(), "duplicate code");
    }

    #[test]
    fn all_twenty_roots_and_their_children() {
        for root in 1..=20 {
            let r = format!("{root:02}");
            assert!(action(&r).is_some(), "root {r}");
            assert!(action(&format!("{r}0")).is_some(), "{r}0");
            // Every sub-code's parent is in the table.
            for (code, _, _) in TABLE.iter().filter(|e| e.0.starts_with(&r)) {
                assert!(TABLE.iter().any(|e| e.0 == &code[..2]), "{code}");
                if code.len() == 4 {
                    assert!(TABLE.iter().any(|e| e.0 == &code[..3]), "{code}");
                }
            }
        }
        assert_eq!(TABLE.iter().filter(|e| e.0.len() == 2).count(), 20);
    }

    #[test]
    fn quad_classes_follow_the_roots() {
        use crate::model::QuadClass;
        let v = Vocabulary::builtin();
        for (code, _, act) in TABLE {
            let root: u32 = code[..2].parse().unwrap();
            let q = v.lookup(act).quad;
            match root {
                2..=8 => assert!(q.is_cooperation(), "{code} {act}"),
                9..=20 if *act != "investigated" => assert!(q.is_conflict(), "{code} {act}"),
                _ => {}
            }
            let _ = QuadClass::ALL;
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(action("042"), Some("visited"));
        assert_eq!(action("42"), Some("visited"));
        assert_eq!(action("1823"), Some("killed"));
        assert_eq!(action("0871"), Some("declared_ceasefire"));
        assert_eq!(action("1129"), Some("accused"), "unknown 4-digit → parent");
        assert_eq!(action("111"), Some("criticized"));
        assert_eq!(action("14"), Some("protested"));
        assert_eq!(action("---"), None);
        assert_eq!(action("21"), Some("requested"), "021 without its zero");
        assert_eq!(action("9"), None);
        assert_eq!(action(""), None);
        assert_eq!(action("12345"), None);
        assert_eq!(lookup("0231").map(|e| e.1), Some("appeal for economic aid"));
    }
}
