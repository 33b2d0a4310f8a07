//! The JSON bodies of the contract's responses. serde writes keys in the order
//! fields are declared, so each type lists its fields in the order of the
//! contract's examples.

use serde::{Serialize, Serializer};

/// A number as the contract's examples print it: whole values without a
/// fraction (`0`, `5`), others as decimals (`4.5`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decimal(pub f64);

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0;
        if value.fract() == 0.0 && value.abs() < 1e15 {
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }
}

/// An amount kept in cents, written in dollars: 599 as `5.99`, 1000 as `10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money(pub i64);

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Decimal(self.0 as f64 / 100.0).serialize(serializer)
    }
}

/// The success envelope: `{statusCode, message, data}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Success<'a, T> {
    pub status_code: u16,
    pub message: &'a str,
    pub data: T,
}

/// The error envelope: `{statusCode, error, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody<'a> {
    pub status_code: u16,
    pub error: &'a str,
    pub message: &'a str,
}

/// An item of the public list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicImage {
    pub id: String,
    pub alias: String,
    pub description: String,
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    pub release: String,
    pub variant: String,
    pub size: i64,
    pub price: Money,
    pub added_date: String,
    pub average_rating: Decimal,
    pub rating_count: i64,
    pub icon_url: Option<String>,
    pub prespawn: bool,
}

/// One public image in detail: the list item plus its `serial`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageDetail {
    pub id: String,
    pub alias: String,
    pub description: String,
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    pub release: String,
    pub serial: String,
    pub variant: String,
    pub size: i64,
    pub price: Money,
    pub added_date: String,
    pub average_rating: Decimal,
    pub rating_count: i64,
    pub icon_url: Option<String>,
    pub prespawn: bool,
}

/// An item of the user's list: no date or serial, but the user's own rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserImage {
    pub id: String,
    pub alias: String,
    pub description: String,
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    pub release: String,
    pub variant: String,
    pub size: i64,
    pub price: Money,
    pub user_rating: Option<Decimal>,
    pub has_rated: bool,
    pub average_rating: Decimal,
    pub rating_count: i64,
    pub icon_url: Option<String>,
    pub prespawn: bool,
}

/// A page of either list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageList<T> {
    pub images: Vec<T>,
    pub pagination: Pagination,
}

/// Where a page sits in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub total: u64,
    pub page: u32,
    pub limit: u32,
    pub total_pages: u64,
}

/// The data of a successful import: an empty object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportResult {}

/// The data of a successful purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PurchaseResult {
    pub price_paid: Money,
    pub remaining_balance: Money,
}

/// The data of a successful rating.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RatingResult {
    pub new_rating: Decimal,
    pub average_rating: Decimal,
    pub rating_count: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "507f1f77bcf86cd799439021";
    const ICON_URL: &str = "/api/v1/images/507f1f77bcf86cd799439021/icon";

    /// The contract's example without the whitespace between tokens.
    fn minified(example: &str) -> String {
        let mut out = String::new();
        let (mut in_string, mut escaped) = (false, false);
        for c in example.chars() {
            if in_string {
                escaped = !escaped && c == '\\';
                in_string = escaped || c != '"';
            } else if c.is_whitespace() {
                continue;
            } else {
                in_string = c == '"';
            }
            out.push(c);
        }
        out
    }

    /// Compares the serialized text, so key order and number formats count.
    fn assert_matches_example<T: Serialize>(body: &T, example: &str) {
        assert_eq!(serde_json::to_string(body).unwrap(), minified(example));
    }

    fn success<T>(message: &'static str, data: T) -> Success<'static, T> {
        Success {
            status_code: 200,
            message,
            data,
        }
    }

    fn public_image() -> PublicImage {
        PublicImage {
            id: ID.into(),
            alias: "ubuntu/22.04".into(),
            description: "Ubuntu 22.04 LTS (Jammy Jellyfish)".into(),
            image_name: "ubuntu-22.04-amd64".into(),
            architecture: "amd64".into(),
            os: "ubuntu".into(),
            release: "22.04".into(),
            variant: "default".into(),
            size: 512_000_000,
            price: Money(0),
            added_date: "2025-01-10T08:00:00.000Z".into(),
            average_rating: Decimal(4.5),
            rating_count: 142,
            icon_url: Some(ICON_URL.into()),
            prespawn: true,
        }
    }

    #[test]
    fn public_list_matches_the_contract_example() {
        let body = success(
            "Public images retrieved successfully",
            ImageList {
                images: vec![public_image()],
                pagination: Pagination {
                    total: 87,
                    page: 1,
                    limit: 20,
                    total_pages: 5,
                },
            },
        );
        assert_matches_example(
            &body,
            include_str!("../../tests/fixtures/contract/list_public_200.json"),
        );
    }

    #[test]
    fn detail_matches_the_contract_example() {
        let image = public_image();
        let body = success(
            "Public image details retrieved successfully",
            ImageDetail {
                id: image.id,
                alias: image.alias,
                description: image.description,
                image_name: image.image_name,
                architecture: image.architecture,
                os: image.os,
                release: image.release,
                serial: "20250110".into(),
                variant: image.variant,
                size: image.size,
                price: image.price,
                added_date: image.added_date,
                average_rating: image.average_rating,
                rating_count: image.rating_count,
                icon_url: image.icon_url,
                prespawn: image.prespawn,
            },
        );
        assert_matches_example(
            &body,
            include_str!("../../tests/fixtures/contract/get_public_200.json"),
        );
    }

    #[test]
    fn user_list_matches_the_contract_example() {
        let image = public_image();
        let body = success(
            "User images retrieved successfully",
            ImageList {
                images: vec![UserImage {
                    id: image.id,
                    alias: image.alias,
                    description: image.description,
                    image_name: image.image_name,
                    architecture: image.architecture,
                    os: image.os,
                    release: image.release,
                    variant: image.variant,
                    size: image.size,
                    price: image.price,
                    user_rating: Some(Decimal(5.0)),
                    has_rated: true,
                    average_rating: image.average_rating,
                    rating_count: image.rating_count,
                    icon_url: image.icon_url,
                    prespawn: image.prespawn,
                }],
                pagination: Pagination {
                    total: 12,
                    page: 1,
                    limit: 20,
                    total_pages: 1,
                },
            },
        );
        assert_matches_example(
            &body,
            include_str!("../../tests/fixtures/contract/list_user_200.json"),
        );
    }

    #[test]
    fn action_results_match_the_contract_examples() {
        assert_matches_example(
            &success("Free image imported successfully", ImportResult {}),
            include_str!("../../tests/fixtures/contract/import_200.json"),
        );
        assert_matches_example(
            &success(
                "Image purchased successfully",
                PurchaseResult {
                    price_paid: Money(599),
                    remaining_balance: Money(4401),
                },
            ),
            include_str!("../../tests/fixtures/contract/purchase_200.json"),
        );
        assert_matches_example(
            &success(
                "Image rated successfully",
                RatingResult {
                    new_rating: Decimal(5.0),
                    average_rating: Decimal(4.6),
                    rating_count: 143,
                },
            ),
            include_str!("../../tests/fixtures/contract/rate_200.json"),
        );
    }

    #[test]
    fn error_envelope_matches_the_contract_example() {
        assert_matches_example(
            &ErrorBody {
                status_code: 404,
                error: "Not Found",
                message: "Public image not found",
            },
            include_str!("../../tests/fixtures/contract/get_public_404.json"),
        );
    }

    #[test]
    fn missing_values_are_null() {
        let mut image = public_image();
        image.icon_url = None;
        let json = serde_json::to_value(&image).unwrap();
        assert!(json["icon_url"].is_null());
        assert_eq!(serde_json::to_string(&None::<Decimal>).unwrap(), "null");
    }

    #[test]
    fn numbers_print_as_the_contract_shows_them() {
        fn text(value: impl Serialize) -> String {
            serde_json::to_string(&value).unwrap()
        }
        assert_eq!(text(Money(599)), "5.99");
        assert_eq!(text(Money(4401)), "44.01");
        assert_eq!(text(Money(0)), "0");
        assert_eq!(text(Money(1000)), "10");
        assert_eq!(text(Decimal(4.5)), "4.5");
        assert_eq!(text(Decimal(5.0)), "5");
        assert_eq!(text(Decimal(-0.0)), "0");
        assert_eq!(text(Decimal(f64::NAN)), "null");
    }
}
