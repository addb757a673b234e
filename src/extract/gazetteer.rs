//! The built-in gazetteer: every UN member state with its ISO 3166-1
//! alpha-3 code, common names, adjectival forms and capital (a capital
//! used as a subject or object is a metonym for the government: "Tokyo
//! protested"), plus international organisations with their usual
//! abbreviations.

use super::text::{FastMap, FastSet};
use std::sync::OnceLock;

/// One country of the gazetteer.
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, e.g. `KOR`.
    pub iso: &'static str,
    /// Display name, e.g. `South Korea`.
    pub name: &'static str,
    /// The main adjective, e.g. `South Korean`.
    pub adjective: &'static str,
}

/// What a gazetteer phrase denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A country's name (`Japan`, `the United States`).
    Name(usize),
    /// A country's adjective (`Japanese`).
    Adjective(usize),
    /// A country's capital (`Tokyo`).
    Capital(usize),
    /// An international organisation (index into [`ORGANISATIONS`]).
    Org(usize),
}

/// `ISO|names|adjectives|capitals`, alternatives separated by `;`; the
/// first name and adjective are the display forms. All 193 UN members.
const COUNTRIES: &str = "\
AFG|Afghanistan|Afghan|Kabul
ALB|Albania|Albanian|Tirana
DZA|Algeria|Algerian|Algiers
AND|Andorra|Andorran|Andorra la Vella
AGO|Angola|Angolan|Luanda
ATG|Antigua and Barbuda|Antiguan|St. John's
ARG|Argentina|Argentine;Argentinian|Buenos Aires
ARM|Armenia|Armenian|Yerevan
AUS|Australia|Australian|Canberra
AUT|Austria|Austrian|Vienna
AZE|Azerbaijan|Azerbaijani;Azeri|Baku
BHS|Bahamas;the Bahamas|Bahamian|Nassau
BHR|Bahrain|Bahraini|Manama
BGD|Bangladesh|Bangladeshi|Dhaka
BRB|Barbados|Barbadian|Bridgetown
BLR|Belarus|Belarusian|Minsk
BEL|Belgium|Belgian|
BLZ|Belize|Belizean|Belmopan
BEN|Benin|Beninese|Porto-Novo
BTN|Bhutan|Bhutanese|Thimphu
BOL|Bolivia|Bolivian|La Paz;Sucre
BIH|Bosnia and Herzegovina;Bosnia|Bosnian|Sarajevo
BWA|Botswana|Botswanan;Motswana|Gaborone
BRA|Brazil|Brazilian|Brasilia;Brasília
BRN|Brunei|Bruneian|Bandar Seri Begawan
BGR|Bulgaria|Bulgarian|Sofia
BFA|Burkina Faso|Burkinabe|Ouagadougou
BDI|Burundi|Burundian|Gitega
CPV|Cabo Verde;Cape Verde|Cape Verdean|Praia
KHM|Cambodia|Cambodian|Phnom Penh
CMR|Cameroon|Cameroonian|Yaounde;Yaoundé
CAN|Canada|Canadian|Ottawa
CAF|Central African Republic|Central African|Bangui
TCD|Chad|Chadian|N'Djamena
CHL|Chile|Chilean|Santiago
CHN|China;People's Republic of China|Chinese|Beijing
COL|Colombia|Colombian|Bogota;Bogotá
COM|Comoros|Comoran;Comorian|Moroni
COG|Congo;Republic of the Congo;Congo-Brazzaville|Congolese|Brazzaville
COD|Democratic Republic of the Congo;DR Congo;DRC;Congo-Kinshasa|Congolese|Kinshasa
CRI|Costa Rica|Costa Rican|San Jose;San José
CIV|Ivory Coast;Cote d'Ivoire;Côte d'Ivoire|Ivorian|Yamoussoukro;Abidjan
HRV|Croatia|Croatian|Zagreb
CUB|Cuba|Cuban|Havana
CYP|Cyprus|Cypriot|Nicosia
CZE|Czech Republic;Czechia|Czech|Prague
DNK|Denmark|Danish|Copenhagen
DJI|Djibouti|Djiboutian|
DMA|Dominica|Dominican|Roseau
DOM|Dominican Republic|Dominican|Santo Domingo
ECU|Ecuador|Ecuadorian|Quito
EGY|Egypt|Egyptian|Cairo
SLV|El Salvador|Salvadoran|San Salvador
GNQ|Equatorial Guinea|Equatorial Guinean|Malabo
ERI|Eritrea|Eritrean|Asmara
EST|Estonia|Estonian|Tallinn
SWZ|Eswatini;Swaziland|Swazi|Mbabane
ETH|Ethiopia|Ethiopian|Addis Ababa
FJI|Fiji|Fijian|Suva
FIN|Finland|Finnish|Helsinki
FRA|France|French|Paris
GAB|Gabon|Gabonese|Libreville
GMB|Gambia;The Gambia|Gambian|Banjul
GEO|Georgia|Georgian|Tbilisi
DEU|Germany|German|Berlin
GHA|Ghana|Ghanaian|Accra
GRC|Greece|Greek|Athens
GRD|Grenada|Grenadian|St. George's
GTM|Guatemala|Guatemalan|Guatemala City
GIN|Guinea|Guinean|Conakry
GNB|Guinea-Bissau|Bissau-Guinean|Bissau
GUY|Guyana|Guyanese|Georgetown
HTI|Haiti|Haitian|Port-au-Prince
HND|Honduras|Honduran|Tegucigalpa
HUN|Hungary|Hungarian|Budapest
ISL|Iceland|Icelandic|Reykjavik
IND|India|Indian|New Delhi
IDN|Indonesia|Indonesian|Jakarta
IRN|Iran|Iranian|Tehran
IRQ|Iraq|Iraqi|Baghdad
IRL|Ireland|Irish|Dublin
ISR|Israel|Israeli|Jerusalem
ITA|Italy|Italian|Rome
JAM|Jamaica|Jamaican|Kingston
JPN|Japan|Japanese|Tokyo
JOR|Jordan|Jordanian|Amman
KAZ|Kazakhstan|Kazakh;Kazakhstani|Astana
KEN|Kenya|Kenyan|Nairobi
KIR|Kiribati|I-Kiribati|Tarawa
PRK|North Korea;Democratic People's Republic of Korea;DPRK|North Korean|Pyongyang
KOR|South Korea;Republic of Korea;Korea|South Korean;Korean|Seoul
KWT|Kuwait|Kuwaiti|Kuwait City
KGZ|Kyrgyzstan|Kyrgyz|Bishkek
LAO|Laos|Lao;Laotian|Vientiane
LVA|Latvia|Latvian|Riga
LBN|Lebanon|Lebanese|Beirut
LSO|Lesotho|Basotho|Maseru
LBR|Liberia|Liberian|Monrovia
LBY|Libya|Libyan|Tripoli
LIE|Liechtenstein|Liechtensteiner|Vaduz
LTU|Lithuania|Lithuanian|Vilnius
LUX|Luxembourg|Luxembourgish|
MDG|Madagascar|Malagasy|Antananarivo
MWI|Malawi|Malawian|Lilongwe
MYS|Malaysia|Malaysian|Kuala Lumpur
MDV|Maldives|Maldivian|Male;Malé
MLI|Mali|Malian|Bamako
MLT|Malta|Maltese|Valletta
MHL|Marshall Islands|Marshallese|Majuro
MRT|Mauritania|Mauritanian|Nouakchott
MUS|Mauritius|Mauritian|Port Louis
MEX|Mexico|Mexican|Mexico City
FSM|Micronesia|Micronesian|Palikir
MDA|Moldova|Moldovan|Chisinau;Chișinău
MCO|Monaco|Monegasque|
MNG|Mongolia|Mongolian|Ulaanbaatar
MNE|Montenegro|Montenegrin|Podgorica
MAR|Morocco|Moroccan|Rabat
MOZ|Mozambique|Mozambican|Maputo
MMR|Myanmar;Burma|Myanmar;Burmese|Naypyidaw;Naypyitaw
NAM|Namibia|Namibian|Windhoek
NRU|Nauru|Nauruan|Yaren
NPL|Nepal|Nepali;Nepalese|Kathmandu
NLD|Netherlands;the Netherlands;Holland|Dutch|Amsterdam;The Hague
NZL|New Zealand|New Zealand|Wellington
NIC|Nicaragua|Nicaraguan|Managua
NER|Niger|Nigerien|Niamey
NGA|Nigeria|Nigerian|Abuja
MKD|North Macedonia;Macedonia|North Macedonian;Macedonian|Skopje
NOR|Norway|Norwegian|Oslo
OMN|Oman|Omani|Muscat
PAK|Pakistan|Pakistani|Islamabad
PLW|Palau|Palauan|Ngerulmud
PAN|Panama|Panamanian|Panama City
PNG|Papua New Guinea|Papua New Guinean|Port Moresby
PRY|Paraguay|Paraguayan|Asuncion;Asunción
PER|Peru|Peruvian|Lima
PHL|Philippines;the Philippines|Philippine;Filipino|Manila
POL|Poland|Polish|Warsaw
PRT|Portugal|Portuguese|Lisbon
QAT|Qatar|Qatari|Doha
ROU|Romania|Romanian|Bucharest
RUS|Russia;Russian Federation|Russian|Moscow;the Kremlin;Kremlin
RWA|Rwanda|Rwandan|Kigali
KNA|Saint Kitts and Nevis|Kittitian|Basseterre
LCA|Saint Lucia|Saint Lucian|Castries
VCT|Saint Vincent and the Grenadines|Vincentian|Kingstown
WSM|Samoa|Samoan|Apia
SMR|San Marino|Sammarinese|
STP|Sao Tome and Principe;São Tomé and Príncipe|Santomean|Sao Tome;São Tomé
SAU|Saudi Arabia|Saudi;Saudi Arabian|Riyadh
SEN|Senegal|Senegalese|Dakar
SRB|Serbia|Serbian|Belgrade
SYC|Seychelles|Seychellois|Victoria
SLE|Sierra Leone|Sierra Leonean|Freetown
SGP|Singapore|Singaporean|
SVK|Slovakia|Slovak|Bratislava
SVN|Slovenia|Slovenian;Slovene|Ljubljana
SLB|Solomon Islands|Solomon Islander|Honiara
SOM|Somalia|Somali|Mogadishu
ZAF|South Africa|South African|Pretoria
SSD|South Sudan|South Sudanese|Juba
ESP|Spain|Spanish|Madrid
LKA|Sri Lanka|Sri Lankan|Colombo
SDN|Sudan|Sudanese|Khartoum
SUR|Suriname|Surinamese|Paramaribo
SWE|Sweden|Swedish|Stockholm
CHE|Switzerland|Swiss|Bern
SYR|Syria|Syrian|Damascus
TJK|Tajikistan|Tajik|Dushanbe
TZA|Tanzania|Tanzanian|Dodoma
THA|Thailand|Thai|Bangkok
TLS|Timor-Leste;East Timor|Timorese|Dili
TGO|Togo|Togolese|Lome;Lomé
TON|Tonga|Tongan|Nuku'alofa
TTO|Trinidad and Tobago|Trinidadian|Port of Spain
TUN|Tunisia|Tunisian|Tunis
TUR|Turkey;Türkiye|Turkish|Ankara
TKM|Turkmenistan|Turkmen|Ashgabat
TUV|Tuvalu|Tuvaluan|Funafuti
UGA|Uganda|Ugandan|Kampala
UKR|Ukraine|Ukrainian|Kyiv;Kiev
ARE|United Arab Emirates;UAE|Emirati|Abu Dhabi
GBR|United Kingdom;Britain;Great Britain;UK;U.K.|British|London;Downing Street
USA|United States;United States of America;U.S.;US;USA;U.S.A.;America|U.S.;American;US|Washington;the White House;White House
URY|Uruguay|Uruguayan|Montevideo
UZB|Uzbekistan|Uzbek|Tashkent
VUT|Vanuatu|Vanuatuan|Port Vila
VEN|Venezuela|Venezuelan|Caracas
VNM|Vietnam;Viet Nam|Vietnamese|Hanoi
YEM|Yemen|Yemeni|Sanaa;Sana'a
ZMB|Zambia|Zambian|Lusaka
ZWE|Zimbabwe|Zimbabwean|Harare";

/// International organisations and well-known non-state actors:
/// (id, display name, kind, other names). Abbreviations are matched case-sensitively.
pub const ORGANISATIONS: &[(&str, &str, &str, &[&str])] = &[
    ("un", "United Nations", "international_org", &["UN", "U.N."]),
    (
        "unsc",
        "United Nations Security Council",
        "international_org",
        &[
            "UN Security Council",
            "U.N. Security Council",
            "Security Council",
            "UNSC",
        ],
    ),
    (
        "un-general-assembly",
        "United Nations General Assembly",
        "international_org",
        &[
            "UN General Assembly",
            "U.N. General Assembly",
            "General Assembly",
        ],
    ),
    (
        "eu",
        "European Union",
        "international_org",
        &["EU", "E.U.", "Brussels"],
    ),
    (
        "european-commission",
        "European Commission",
        "international_org",
        &["Commission"],
    ),
    (
        "european-parliament",
        "European Parliament",
        "international_org",
        &[],
    ),
    (
        "european-council",
        "European Council",
        "international_org",
        &[],
    ),
    (
        "european-court-of-justice",
        "European Court of Justice",
        "court",
        &["ECJ", "Court of Justice of the European Union", "CJEU"],
    ),
    ("echr", "European Court of Human Rights", "court", &["ECHR"]),
    (
        "nato",
        "North Atlantic Treaty Organization",
        "international_org",
        &["NATO", "Nato", "the alliance"],
    ),
    (
        "icj",
        "International Court of Justice",
        "court",
        &["ICJ", "World Court"],
    ),
    ("icc", "International Criminal Court", "court", &["ICC"]),
    (
        "imf",
        "International Monetary Fund",
        "international_org",
        &["IMF"],
    ),
    ("world-bank", "World Bank", "international_org", &[]),
    (
        "who",
        "World Health Organization",
        "international_org",
        &["WHO"],
    ),
    (
        "wto",
        "World Trade Organization",
        "international_org",
        &["WTO"],
    ),
    (
        "iaea",
        "International Atomic Energy Agency",
        "international_org",
        &["IAEA"],
    ),
    (
        "asean",
        "Association of Southeast Asian Nations",
        "international_org",
        &["ASEAN"],
    ),
    (
        "african-union",
        "African Union",
        "international_org",
        &["AU"],
    ),
    (
        "ecowas",
        "Economic Community of West African States",
        "international_org",
        &["ECOWAS"],
    ),
    (
        "oas",
        "Organization of American States",
        "international_org",
        &["OAS"],
    ),
    (
        "arab-league",
        "Arab League",
        "international_org",
        &["League of Arab States"],
    ),
    (
        "opec",
        "Organization of the Petroleum Exporting Countries",
        "international_org",
        &["OPEC"],
    ),
    (
        "osce",
        "Organization for Security and Co-operation in Europe",
        "international_org",
        &["OSCE"],
    ),
    ("g7", "Group of Seven", "international_org", &["G7", "G-7"]),
    ("g20", "Group of 20", "international_org", &["G20", "G-20"]),
    (
        "unhcr",
        "UN Refugee Agency",
        "international_org",
        &["UNHCR"],
    ),
    ("human-rights-watch", "Human Rights Watch", "ngo", &["HRW"]),
    (
        "amnesty-international",
        "Amnesty International",
        "ngo",
        &["Amnesty"],
    ),
    (
        "icrc",
        "International Committee of the Red Cross",
        "ngo",
        &["ICRC", "Red Cross"],
    ),
    ("hamas", "Hamas", "group", &[]),
    ("hezbollah", "Hezbollah", "group", &[]),
    ("taliban", "Taliban", "group", &["the Taliban"]),
    ("islamic-state", "Islamic State", "group", &["ISIS", "ISIL"]),
    ("houthis", "Houthis", "group", &["Houthi", "the Houthis"]),
    (
        "palestinian-authority",
        "Palestinian Authority",
        "government",
        &["PA"],
    ),
    ("gaza", "Gaza", "group", &["Gaza Strip"]),
    (
        "kyodo-news",
        "Kyodo News",
        "media",
        &["Kyodo", "Kyodo News Agency"],
    ),
    ("reuters", "Reuters", "media", &[]),
    (
        "china-news-service",
        "China News Service",
        "media",
        &["China News Agency", "CNS"],
    ),
];

/// The parsed gazetteer: countries and a lowercase phrase index.
pub struct Gazetteer {
    /// All countries, in table order.
    pub countries: Vec<Country>,
    /// Lowercase phrase (words joined by one space) → what it denotes.
    pub phrases: FastMap<String, Entry>,
    /// Every proper word-prefix of a phrase (`south`, `united states of`).
    pub prefixes: FastSet<String>,
    /// Phrases that only match when capitalized exactly (abbreviations).
    pub exact: FastMap<&'static str, Entry>,
    /// Longest phrase in words.
    pub max_words: usize,
    by_iso: FastMap<&'static str, usize>,
}

impl Gazetteer {
    /// The built-in gazetteer (parsed once).
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut countries = Vec::new();
        let mut phrases = FastMap::default();
        let mut exact = FastMap::default();
        let mut by_iso = FastMap::default();
        let mut max_words = 1;
        let mut add = |phrases: &mut FastMap<String, Entry>,
                       exact: &mut FastMap<&'static str, Entry>,
                       p: &'static str,
                       e: Entry| {
            let p = p.trim();
            if p.is_empty() {
                return;
            }
            // Short all-capital forms (US, UK, UN) must match exactly.
            if p.len() <= 5
                && p.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase())
            {
                exact.entry(p).or_insert(e);
                return;
            }
            let key = p.to_ascii_lowercase();
            max_words = max_words.max(key.split(' ').count() + 1);
            phrases.entry(key).or_insert(e);
        };
        for line in COUNTRIES.lines() {
            let f: Vec<&'static str> = line.split('|').collect();
            let i = countries.len();
            let names: Vec<&'static str> = f[1].split(';').collect();
            let adjs: Vec<&'static str> = f[2].split(';').collect();
            countries.push(Country {
                iso: f[0],
                name: names[0],
                adjective: adjs[0],
            });
            by_iso.insert(f[0], i);
            for n in &names {
                add(&mut phrases, &mut exact, n, Entry::Name(i));
            }
            for a in &adjs {
                if !phrases.contains_key(&a.to_ascii_lowercase()) {
                    add(&mut phrases, &mut exact, a, Entry::Adjective(i));
                }
            }
            for c in f[3].split(';') {
                add(&mut phrases, &mut exact, c, Entry::Capital(i));
            }
        }
        for (i, (_, name, _, others)) in ORGANISATIONS.iter().enumerate() {
            add(&mut phrases, &mut exact, name, Entry::Org(i));
            for o in *others {
                add(&mut phrases, &mut exact, o, Entry::Org(i));
            }
        }
        let mut prefixes = FastSet::default();
        for k in phrases.keys() {
            let w: Vec<&str> = k.split(' ').collect();
            for n in 1..w.len() {
                prefixes.insert(w[..n].join(" "));
            }
        }
        Gazetteer {
            prefixes,
            countries,
            phrases,
            exact,
            max_words,
            by_iso,
        }
    }

    /// The country with this ISO alpha-3 code.
    pub fn country(&self, iso: &str) -> Option<&Country> {
        self.by_iso.get(iso).map(|&i| &self.countries[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_un_member_is_there_once() {
        let g = Gazetteer::get();
        assert_eq!(g.countries.len(), 193);
        let mut isos: Vec<_> = g.countries.iter().map(|c| c.iso).collect();
        isos.sort_unstable();
        isos.dedup();
        assert_eq!(isos.len(), 193);
        assert!(isos.iter().all(|i| crate::model::is_valid_country(i)));
    }

    #[test]
    fn forms_map_to_countries() {
        let g = Gazetteer::get();
        let iso = |p: &str| match g.phrases.get(p).or_else(|| g.exact.get(p)) {
            Some(Entry::Name(i)) | Some(Entry::Adjective(i)) | Some(Entry::Capital(i)) => {
                g.countries[*i].iso
            }
            _ => "",
        };
        assert_eq!(iso("south korean"), "KOR");
        assert_eq!(iso("tokyo"), "JPN");
        assert_eq!(iso("U.S."), "USA");
        assert_eq!(iso("britain"), "GBR");
        assert_eq!(
            g.phrases.get("japanese"),
            Some(&Entry::Adjective(g.by_iso["JPN"]))
        );
        assert!(matches!(g.exact.get("ICJ"), Some(Entry::Org(_))));
    }
}
