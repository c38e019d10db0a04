//! Deterministic demo data: a month of shop-counter tickets in Zimbabwe.
//!
//! Content and ids are fixed (seeded RNG); dates are relative to "now" so the
//! workspace always looks current: 36 tickets spread over the last 30 days.

use chrono::{Duration, NaiveDateTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value};

use crate::error::SandboxError;
use crate::store::{self, NewComment, NewTicket, Store};

const ADMIN: &str = "admin";
const CUSTOMER: &str = "customer";

struct Demo {
    subject: &'static str,
    description: &'static str,
    status: &'static str,
    priority: &'static str,
    category: &'static str,
    channel: &'static str,
    region: &'static str,
    first: &'static str,
    last: &'static str,
    phone: &'static str,
    /// Empty means none.
    email: &'static str,
    lang: &'static str,
    custom: &'static [(&'static str, &'static str)],
    /// (resolution notes, action taken, CSAT) for resolved/closed tickets.
    resolution: Option<(&'static str, &'static str, Option<i64>)>,
    /// Empty means none.
    tags: &'static str,
    /// (author type, internal, content), oldest first.
    comments: &'static [(&'static str, bool, &'static str)],
}

const BASE: Demo = Demo {
    subject: "",
    description: "",
    status: "open",
    priority: "medium",
    category: "general",
    channel: "in_store",
    region: "Harare CBD",
    first: "",
    last: "",
    phone: "",
    email: "",
    lang: "English",
    custom: &[],
    resolution: None,
    tags: "",
    comments: &[],
};

/// Oldest first; ticket numbers follow this order.
const TICKETS: &[Demo] = &[
    Demo {
        subject: "Router keeps rebooting every few minutes",
        description: "Customer brought in a ZTE home router bought three weeks ago. It restarts every 5-10 minutes, lights all flash, then it reconnects. Tried a different wall socket at home.",
        status: "closed",
        priority: "high",
        category: "hardware",
        first: "Tendai",
        last: "Moyo",
        phone: "+263772104518",
        email: "tendai.moyo@example.co.zw",
        resolution: Some(("Power adapter was faulty (output 9V instead of 12V). Replaced adapter under warranty.", "Swapped power adapter, soak-tested router for 2 hours at the counter", Some(5))),
        tags: "router,warranty",
        comments: &[
            (ADMIN, true, "Tested with bench PSU - router stable. Adapter is the problem."),
            (ADMIN, false, "Hi Tendai, your router is ready for collection with a new power adapter."),
            (CUSTOMER, false, "Collected, working perfectly. Ndatenda!"),
        ],
        ..BASE
    },
    Demo {
        subject: "Airtime deducted twice for one purchase",
        description: "Customer bought $5 airtime via the till and was charged twice on her EcoCash statement. Has the SMS confirmations for both deductions.",
        status: "resolved",
        priority: "medium",
        category: "billing",
        region: "Borrowdale",
        first: "Rudo",
        last: "Chikwanha",
        phone: "+263783512260",
        email: "rudo.chikwanha@example.co.zw",
        lang: "Shona",
        resolution: Some(("Duplicate debit confirmed on the merchant report. Refund of $5 processed.", "Refund issued to EcoCash wallet", Some(4))),
        tags: "refund,airtime",
        comments: &[
            (ADMIN, true, "Merchant report shows two debits 14 seconds apart. Escalated to finance."),
            (ADMIN, false, "Your refund has been processed and should reflect within 24 hours."),
        ],
        ..BASE
    },
    Demo {
        subject: "Starlink dish obstruction warning",
        description: "Starlink app shows frequent obstruction alerts and video calls drop. Dish is mounted on the roof next to a jacaranda tree.",
        status: "resolved",
        priority: "high",
        category: "technical",
        channel: "phone",
        region: "Bulawayo",
        first: "Sipho",
        last: "Ndlovu",
        phone: "+263712334091",
        email: "sipho.ndlovu@example.co.zw",
        lang: "Ndebele",
        custom: &[("starlink_account_email", "sipho.ndlovu@example.co.zw"), ("customer_type", "SPT Retail")],
        resolution: Some(("Relocated dish to a pole mount 3m higher; obstruction map now clear.", "Site visit, dish relocated and realigned", Some(5))),
        tags: "starlink,site-visit",
        comments: &[
            (ADMIN, false, "Please send a screenshot of the obstruction map from the Starlink app."),
            (CUSTOMER, false, "Sent on WhatsApp. Most of the north side is red."),
            (ADMIN, true, "Booked installer for Thursday, pole mount needed."),
        ],
    },
    Demo {
        subject: "Cracked phone screen repair quote",
        description: "Samsung Galaxy A14 with a cracked screen, touch still works. Customer wants a quote and turnaround time for an original screen.",
        status: "closed",
        priority: "low",
        category: "hardware",
        region: "Mutare",
        first: "Nomvula",
        last: "Dube",
        phone: "+263773908127",
        custom: &[("device_model", "Samsung Galaxy A14"), ("imei_last4", "4821")],
        resolution: Some(("Screen replaced with original part.", "Screen replacement, 2-day turnaround", Some(4))),
        tags: "screen-repair",
        comments: &[(ADMIN, false, "Quote is $38 for an original screen, ready in 2 working days.")],
        ..BASE
    },
    Demo {
        subject: "SIM swap after lost phone",
        description: "Customer lost his phone in a kombi and needs a SIM swap to keep his number. Brought national ID.",
        status: "resolved",
        priority: "high",
        category: "account",
        region: "Gweru",
        first: "Tatenda",
        last: "Mutasa",
        phone: "+263774221356",
        lang: "Shona",
        resolution: Some(("Identity verified against national ID; SIM swapped and number restored.", "SIM swap completed at counter", Some(5))),
        tags: "sim-swap,kyc",
        comments: &[(ADMIN, true, "ID checked by supervisor, swap approved.")],
        ..BASE
    },
    Demo {
        subject: "Data bundle bought but not applied",
        description: "Purchased a 10GB monthly bundle at 08:15, received payment confirmation but the balance still shows zero data.",
        status: "resolved",
        priority: "medium",
        category: "billing",
        channel: "whatsapp",
        region: "Masvingo",
        first: "Farai",
        last: "Chinembiri",
        phone: "+263785660413",
        email: "farai.c@example.com",
        resolution: Some(("Bundle provisioning had failed at the network side; reapplied manually.", "Bundle reapplied", Some(3))),
        tags: "data-bundle",
        comments: &[
            (CUSTOMER, false, "Still nothing after 2 hours, I need it for work."),
            (ADMIN, false, "Sorry for the delay, the bundle has been applied. Please restart your phone."),
        ],
        ..BASE
    },
    Demo {
        subject: "Laptop charger stopped working",
        description: "HP laptop charger bought at our Borrowdale branch stopped charging; the LED on the brick is off.",
        status: "closed",
        priority: "low",
        category: "hardware",
        region: "Borrowdale",
        first: "Chipo",
        last: "Madziva",
        phone: "+263771045982",
        email: "chipo.madziva@example.co.zw",
        resolution: Some(("Charger out of warranty (14 months). Customer bought a replacement.", "Advised on replacement options", Some(3))),
        tags: "charger",
        ..BASE
    },
    Demo {
        subject: "Starlink kit activation failing",
        description: "New Starlink standard kit; the app says 'Unable to activate' when scanning the kit serial. Customer paid in store.",
        status: "resolved",
        priority: "critical",
        category: "technical",
        region: "Harare CBD",
        first: "Themba",
        last: "Nkomo",
        phone: "+263712980774",
        email: "themba.nkomo@example.co.zw",
        lang: "Ndebele",
        custom: &[("starlink_account_email", "themba.nkomo@example.co.zw"), ("customer_type", "SPT Business")],
        resolution: Some(("Kit was registered to a demo account; released and activated on customer's account.", "Kit transferred and activated", Some(5))),
        tags: "starlink,activation",
        comments: &[
            (ADMIN, true, "Serial shows on our demo account - needs release by Starlink support."),
            (ADMIN, false, "We've asked Starlink to release the kit, expect an update within a day."),
            (CUSTOMER, false, "Activated this morning, thanks."),
        ],
        ..BASE
    },
    Demo {
        subject: "Wrong name on account",
        description: "Account shows 'Nyasha Mapfuma' instead of 'Nyasha Mapfumo'. Customer needs it corrected for a bank reference letter.",
        status: "resolved",
        priority: "low",
        category: "account",
        channel: "email",
        first: "Nyasha",
        last: "Mapfumo",
        phone: "+263778334120",
        email: "nyasha.mapfumo@example.co.zw",
        resolution: Some(("Name corrected after ID verification.", "Account details updated", Some(4))),
        ..BASE
    },
    Demo {
        subject: "Home fibre slow in the evenings",
        description: "Speeds drop below 2 Mbps between 7pm and 10pm on a 20 Mbps plan. Speed tests attached in the email.",
        status: "in_progress",
        priority: "medium",
        category: "technical",
        channel: "email",
        region: "Bulawayo",
        first: "Kudzai",
        last: "Sibanda",
        phone: "+263719552804",
        email: "kudzai.sibanda@example.co.zw",
        tags: "fibre,speed",
        comments: &[
            (ADMIN, true, "Looks like congestion on the Hillside cabinet. Logged with network ops."),
            (ADMIN, false, "We've logged this with our network team and will update you."),
        ],
        ..BASE
    },
    Demo {
        subject: "Refund for faulty power bank",
        description: "20,000mAh power bank does not hold charge. Bought 5 days ago, has receipt.",
        status: "resolved",
        priority: "low",
        category: "billing",
        region: "Mutare",
        first: "Thandiwe",
        last: "Ncube",
        phone: "+263773114569",
        resolution: Some(("Within 7-day return window; full refund.", "Refund processed to card", Some(5))),
        tags: "refund",
        ..BASE
    },
    Demo {
        subject: "Cannot log in to self-care portal",
        description: "Password reset email never arrives. Customer checked spam folder.",
        status: "closed",
        priority: "medium",
        category: "account",
        channel: "live_chat",
        region: "Gweru",
        first: "Tafadzwa",
        last: "Gumbo",
        phone: "+263784227651",
        email: "tafadzwa.gumbo@example.com",
        resolution: Some(("Email on file had a typo; corrected and reset link sent.", "Updated email, sent reset link", Some(4))),
        comments: &[(CUSTOMER, false, "Got the link now, logged in.")],
        ..BASE
    },
    Demo {
        subject: "Starlink subscription charged in wrong currency",
        description: "Monthly Starlink service was billed in ZiG instead of USD and the amount looks wrong.",
        status: "resolved",
        priority: "high",
        category: "billing",
        channel: "phone",
        region: "Borrowdale",
        first: "Blessing",
        last: "Mhlanga",
        phone: "+263772650038",
        email: "blessing.mhlanga@example.co.zw",
        custom: &[("starlink_account_email", "b.mhlanga@example.co.zw"), ("customer_type", "SPT Retail")],
        resolution: Some(("Billing profile currency fixed; difference credited.", "Currency corrected and credit applied", Some(4))),
        tags: "starlink,billing",
        comments: &[(ADMIN, true, "Finance confirmed the exchange-rate error; credit note raised.")],
        ..BASE
    },
    Demo {
        subject: "Phone not charging after water damage",
        description: "iPhone 11 fell in water, now does not charge or turn on. Customer wants to know if data can be recovered.",
        status: "in_progress",
        priority: "high",
        category: "hardware",
        region: "Harare CBD",
        first: "Ruvimbo",
        last: "Zvobgo",
        phone: "+263778902144",
        lang: "Shona",
        custom: &[("device_model", "iPhone 11")],
        tags: "water-damage,data-recovery",
        comments: &[
            (ADMIN, true, "Board corrosion near charging IC. Sent to technician bench."),
            (CUSTOMER, false, "Please prioritise the photos if possible."),
        ],
        ..BASE
    },
    Demo {
        subject: "Question about prepaid to postpaid migration",
        description: "Customer wants to move from prepaid to a postpaid plan and keep his number. Asked about deposit and documents.",
        status: "closed",
        priority: "low",
        category: "general",
        channel: "sms",
        region: "Masvingo",
        first: "Simbarashe",
        last: "Marufu",
        phone: "+263713447852",
        resolution: Some(("Explained requirements: ID, proof of residence, 3 months bank statements.", "Information provided", None)),
        ..BASE
    },
    Demo {
        subject: "Router admin password forgotten",
        description: "Customer cannot change the Wi-Fi password because he forgot the router admin password.",
        status: "resolved",
        priority: "low",
        category: "technical",
        region: "Bulawayo",
        first: "Mandla",
        last: "Tshuma",
        phone: "+263712006385",
        lang: "Ndebele",
        resolution: Some(("Factory reset and reconfigured Wi-Fi with customer.", "Router reset and set up at counter", Some(5))),
        tags: "router",
        ..BASE
    },
    Demo {
        subject: "Double charged for Starlink installation",
        description: "Installation fee appears twice on the invoice for the Chisipite install.",
        status: "in_progress",
        priority: "medium",
        category: "billing",
        channel: "email",
        region: "Borrowdale",
        first: "Nokuthula",
        last: "Khumalo",
        phone: "+263774580917",
        email: "nokuthula.khumalo@example.co.zw",
        custom: &[("starlink_account_email", "nokuthula.khumalo@example.co.zw"), ("customer_type", "SPT Retail")],
        tags: "starlink,invoice",
        comments: &[(ADMIN, true, "Waiting for finance to void invoice line 2.")],
        ..BASE
    },
    Demo {
        subject: "Airtime voucher PIN already used",
        description: "Scratch card bought at the counter says 'voucher already used' when loading.",
        status: "resolved",
        priority: "medium",
        category: "billing",
        region: "Gweru",
        first: "Tinashe",
        last: "Makoni",
        phone: "+263785117340",
        resolution: Some(("Voucher batch flagged; replacement voucher given.", "Replaced voucher", Some(4))),
        tags: "airtime,voucher",
        ..BASE
    },
    Demo {
        subject: "Customer asking about store opening hours on public holiday",
        description: "Wants to know if the Mutare branch opens on Heroes Day to collect a repaired phone.",
        status: "closed",
        priority: "low",
        category: "general",
        channel: "social_media",
        region: "Mutare",
        first: "Busisiwe",
        last: "Mpofu",
        phone: "+263719340268",
        resolution: Some(("Informed: open 9am-1pm on public holidays.", "Replied on Facebook", None)),
        ..BASE
    },
    Demo {
        subject: "4G dongle not detected on laptop",
        description: "Huawei dongle lights up but Windows does not show the connection manager.",
        status: "resolved",
        priority: "medium",
        category: "technical",
        region: "Harare CBD",
        first: "Rumbidzai",
        last: "Chari",
        phone: "+263771862095",
        email: "rumbidzai.chari@example.co.zw",
        resolution: Some(("Installed drivers from the dongle's mass-storage partition.", "Driver install at counter", Some(5))),
        ..BASE
    },
    Demo {
        subject: "Starlink router Wi-Fi does not reach back rooms",
        description: "Signal weak in bedrooms of a long house in Hillside. Customer asks about a mesh node.",
        status: "in_progress",
        priority: "low",
        category: "technical",
        region: "Bulawayo",
        first: "Lwazi",
        last: "Moyo",
        phone: "+263712775403",
        lang: "Ndebele",
        custom: &[("starlink_account_email", "lwazi.moyo@example.co.zw"), ("customer_type", "SPT Retail")],
        tags: "starlink,mesh",
        comments: &[(ADMIN, false, "A Starlink mesh node is in stock at $130. Shall we reserve one?")],
        ..BASE
    },
    Demo {
        subject: "Smartwatch not pairing with phone",
        description: "Bought a smartwatch last week; it will not pair with a Tecno phone via the app.",
        status: "resolved",
        priority: "low",
        category: "hardware",
        channel: "live_chat",
        region: "Masvingo",
        first: "Vimbai",
        last: "Mukanya",
        phone: "+263773640581",
        resolution: Some(("App needed location permission; paired after enabling it.", "Guided customer through settings", Some(5))),
        ..BASE
    },
    Demo {
        subject: "Contract cancellation request",
        description: "Customer relocating to South Africa and wants to cancel the 24-month contract early.",
        status: "in_progress",
        priority: "medium",
        category: "account",
        region: "Harare CBD",
        first: "Fadzai",
        last: "Chigumba",
        phone: "+263778119264",
        email: "fadzai.chigumba@example.co.zw",
        comments: &[
            (ADMIN, false, "Early termination fee applies: 3 months. Please confirm you'd like to proceed."),
            (ADMIN, true, "Check if relocation waiver applies - needs manager sign-off."),
        ],
        ..BASE
    },
    Demo {
        subject: "Payment made but account still suspended",
        description: "Paid the overdue balance via bank transfer yesterday, line still barred.",
        status: "resolved",
        priority: "critical",
        category: "billing",
        channel: "whatsapp",
        region: "Gweru",
        first: "Sibusiso",
        last: "Ngwenya",
        phone: "+263784902617",
        resolution: Some(("Payment matched manually; line restored.", "Payment allocated and bar lifted", Some(3))),
        tags: "suspension",
        comments: &[(CUSTOMER, false, "I run a business on this line, please help urgently.")],
        ..BASE
    },
    Demo {
        subject: "Tablet battery swelling",
        description: "Tablet back cover is lifting; battery looks swollen. Customer worried about safety.",
        status: "in_progress",
        priority: "critical",
        category: "hardware",
        region: "Mutare",
        first: "Shamiso",
        last: "Nyathi",
        phone: "+263772318846",
        tags: "battery,safety",
        comments: &[(ADMIN, true, "Isolated device in the fire-safe bin. Ordered battery.")],
        ..BASE
    },
    Demo {
        subject: "Cannot receive OTP SMS for banking app",
        description: "Customer does not receive one-time PINs from her bank; other SMS arrive fine.",
        status: "open",
        priority: "high",
        category: "technical",
        region: "Borrowdale",
        first: "Rudo",
        last: "Chikwanha",
        phone: "+263783512260",
        email: "rudo.chikwanha@example.co.zw",
        lang: "Shona",
        comments: &[(ADMIN, false, "Please check whether promotional SMS blocking (*100#) is switched on.")],
        ..BASE
    },
    Demo {
        subject: "Starlink dish motor making grinding noise",
        description: "Dish tries to realign several times a day with a loud grinding noise.",
        status: "open",
        priority: "medium",
        category: "hardware",
        region: "Masvingo",
        first: "Tatenda",
        last: "Mutasa",
        phone: "+263774221356",
        custom: &[("starlink_account_email", "tatenda.mutasa@example.co.zw"), ("customer_type", "SPT Retail")],
        tags: "starlink",
        ..BASE
    },
    Demo {
        subject: "Request for VAT invoice",
        description: "Company customer needs a fiscalised VAT invoice for last month's purchases for ZIMRA.",
        status: "open",
        priority: "low",
        category: "billing",
        channel: "api",
        region: "Harare CBD",
        first: "Kudzai",
        last: "Sibanda",
        phone: "+263719552804",
        email: "accounts@example.co.zw",
        ..BASE
    },
    Demo {
        subject: "Bluetooth speaker no sound",
        description: "Speaker pairs but produces no sound, tried two different phones.",
        status: "open",
        priority: "low",
        category: "hardware",
        region: "Gweru",
        first: "Blessing",
        last: "Mhlanga",
        phone: "+263772650038",
        ..BASE
    },
    Demo {
        subject: "Line barred after SIM registration expired",
        description: "Customer's line was barred because SIM registration details are out of date.",
        status: "in_progress",
        priority: "high",
        category: "account",
        region: "Bulawayo",
        first: "Nokuthula",
        last: "Khumalo",
        phone: "+263774580917",
        lang: "Ndebele",
        tags: "kyc",
        comments: &[
            (ADMIN, false, "Please bring your national ID and proof of residence to the branch."),
            (CUSTOMER, false, "I will come on Saturday morning."),
        ],
        ..BASE
    },
    Demo {
        subject: "Wi-Fi extender setup help",
        description: "Bought a TP-Link extender, needs help setting it up with the fibre router.",
        status: "open",
        priority: "low",
        category: "technical",
        channel: "whatsapp",
        region: "Borrowdale",
        first: "Chipo",
        last: "Madziva",
        phone: "+263771045982",
        ..BASE
    },
    Demo {
        subject: "Starlink service outage in Mutare",
        description: "Business customer reports no internet since 6am, dish shows 'Offline: no signal received'. Point-of-sale system down.",
        status: "in_progress",
        priority: "critical",
        category: "technical",
        channel: "phone",
        region: "Mutare",
        first: "Themba",
        last: "Nkomo",
        phone: "+263712980774",
        custom: &[("starlink_account_email", "ops@example.co.zw"), ("customer_type", "SPT Business")],
        tags: "starlink,outage",
        comments: &[
            (ADMIN, true, "Two other Mutare customers reporting the same. Checking Starlink status page."),
            (ADMIN, false, "We are aware of an outage in your area and are working with Starlink."),
        ],
        ..BASE
    },
    Demo {
        subject: "Loyalty points not credited",
        description: "Purchase of a phone last week did not earn loyalty points.",
        status: "open",
        priority: "medium",
        category: "account",
        region: "Harare CBD",
        first: "Ruvimbo",
        last: "Zvobgo",
        phone: "+263778902144",
        email: "ruvimbo.zvobgo@example.co.zw",
        ..BASE
    },
    Demo {
        subject: "Mobile money reversal for wrong number",
        description: "Customer sent $20 to a wrong number through our agent at the till and asks for a reversal.",
        status: "open",
        priority: "high",
        category: "billing",
        region: "Masvingo",
        first: "Farai",
        last: "Chinembiri",
        phone: "+263785660413",
        lang: "Shona",
        tags: "reversal",
        ..BASE
    },
    Demo {
        subject: "Screen protector fitting bubbles",
        description: "Tempered glass fitted yesterday has bubbles at the edges.",
        status: "open",
        priority: "low",
        category: "general",
        region: "Bulawayo",
        first: "Sipho",
        last: "Ndlovu",
        phone: "+263712334091",
        ..BASE
    },
    Demo {
        subject: "New Starlink installation booking",
        description: "Customer wants a Starlink installed at a farm near Gweru; asks about installer availability this week.",
        status: "open",
        priority: "medium",
        category: "general",
        region: "Gweru",
        first: "Tendai",
        last: "Moyo",
        phone: "+263772104518",
        email: "tendai.moyo@example.co.zw",
        custom: &[("starlink_account_email", "tendai.moyo@example.co.zw"), ("customer_type", "SPT Retail")],
        tags: "starlink,installation",
        comments: &[(CUSTOMER, false, "Any day after Wednesday works for me. Mangwanani!")],
        ..BASE
    },
];

/// Seeds the demo tickets when the database has none.
pub(crate) fn seed(store: &Store, now: NaiveDateTime) -> Result<bool, SandboxError> {
    let seeded = store.seed_if_empty(|tx| {
        let mut rng = StdRng::seed_from_u64(0x5049_4E47_4445_534B);
        let n = TICKETS.len() as i64;
        for (i, demo) in TICKETS.iter().enumerate() {
            let i = i as i64;
            // Evenly spread over 30 days (about 20h apart), jitter < 5h keeps the order.
            let ago = (n - 1 - i) * (30 * 24 * 60) / (n - 1).max(1) + 25 + (i * 97) % 300;
            let created = now - Duration::minutes(ago);
            // Follow-ups fit between creation and now.
            let steps = demo.comments.len() as i64 + 2;
            let step = (ago / steps).clamp(1, 240);
            let mut last_event = created;
            let new = new_ticket(demo);
            let ticket = store::insert_ticket_with(tx, &new, created, created, || {
                format!("TKT-{:08X}", rng.random::<u32>())
            })?;
            let id = store::ticket_row_id(tx, &ticket.ticket_number)?;
            for (k, (author, internal, content)) in demo.comments.iter().enumerate() {
                let at = created + Duration::minutes(step * (k as i64 + 1));
                let comment = NewComment {
                    content: (*content).to_owned(),
                    is_internal: *internal,
                    author_type: (*author).to_owned(),
                };
                store::insert_comment_with(tx, id, &comment, at, || {
                    uuid::Builder::from_random_bytes(rng.random())
                        .into_uuid()
                        .to_string()
                })?;
                last_event = at;
            }
            if demo.status != "open" {
                last_event = created + Duration::minutes(step * (steps - 1));
            }
            tx.execute(
                "UPDATE tickets SET date_updated = ?1 WHERE id = ?2",
                rusqlite::params![store::format_ts(last_event), id],
            )?;
        }
        Ok(())
    })?;
    if seeded {
        tracing::info!(tickets = TICKETS.len(), "seeded demo data");
    }
    Ok(seeded)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn new_ticket(d: &Demo) -> NewTicket {
    let mut custom = Map::new();
    for (k, v) in d.custom {
        custom.insert((*k).to_owned(), Value::String((*v).to_owned()));
    }
    let (resolution_notes, action_taken, csat_score) = match d.resolution {
        Some((notes, action, csat)) => (opt(notes), opt(action), csat),
        None => (None, None, None),
    };
    NewTicket {
        subject: d.subject.to_owned(),
        description: d.description.to_owned(),
        status: d.status.to_owned(),
        priority: d.priority.to_owned(),
        category: opt(d.category),
        channel: d.channel.to_owned(),
        country: Some("Zimbabwe".to_owned()),
        store_region: opt(d.region),
        customer_first_name: opt(d.first),
        customer_last_name: opt(d.last),
        customer_phone: opt(d.phone),
        customer_email: opt(d.email),
        preferred_language: opt(d.lang),
        external_ticket_id: None,
        custom_fields: custom,
        resolution_notes,
        action_taken,
        csat_score,
        tags: opt(d.tags),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{is_e164, CHANNELS, PRIORITIES, STATUSES};

    #[test]
    fn demo_data_is_valid_and_varied() {
        assert!(TICKETS.len() >= 30);
        for d in TICKETS {
            assert!(STATUSES.contains(&d.status), "{}", d.subject);
            assert!(PRIORITIES.contains(&d.priority), "{}", d.subject);
            assert!(CHANNELS.contains(&d.channel), "{}", d.subject);
            assert!(is_e164(d.phone), "{}", d.phone);
            assert!(d.email.is_empty() || d.email.contains('@'));
            assert_eq!(
                d.resolution.is_some(),
                matches!(d.status, "resolved" | "closed"),
                "{}",
                d.subject
            );
        }
        for s in STATUSES.iter().chain(PRIORITIES).chain(CHANNELS) {
            assert!(
                TICKETS
                    .iter()
                    .any(|d| d.status == *s || d.priority == *s || d.channel == *s),
                "{s} unused"
            );
        }
    }
}
