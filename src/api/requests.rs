//! One request type per endpoint of the contract. Each knows its method, path,
//! query and body; none of them touches the network.

use serde::de::DeserializeOwned;

use super::types::{
    ImportResult, PublicImage, PublicImageList, PurchaseResult, RatingRequestBody, RatingResult,
    UserImageList,
};
use super::url::{encode_component, format_number, QueryString};

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// What the client needs to know to send a request and decode its answer.
pub trait Endpoint {
    /// The type of the success envelope's `data`.
    type Data: DeserializeOwned;
    /// GET or POST.
    const METHOD: Method;
    /// Whether the endpoint needs the bearer token.
    const NEEDS_AUTH: bool;
    /// Path below the API base URL, e.g. `/images/public`.
    fn path(&self) -> String;
    /// The query parameters that are set, in order.
    fn query(&self) -> QueryString {
        QueryString::new()
    }
    /// Path and query below the API base URL, e.g. `/images/public?page=2`.
    fn path_and_query(&self) -> String {
        format!("{}{}", self.path(), self.query().to_suffix())
    }
    /// JSON body, if the endpoint takes one.
    fn json_body(&self) -> Option<String> {
        None
    }
}

/// Sort fields of the public list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PublicSortBy {
    Alias,
    #[default]
    AddedDate,
    Price,
    Rating,
}

impl PublicSortBy {
    /// Every value, in the order the UI offers them.
    pub const ALL: [PublicSortBy; 4] = [
        PublicSortBy::AddedDate,
        PublicSortBy::Alias,
        PublicSortBy::Price,
        PublicSortBy::Rating,
    ];

    /// The value the API expects.
    pub fn as_str(self) -> &'static str {
        match self {
            PublicSortBy::Alias => "alias",
            PublicSortBy::AddedDate => "added_date",
            PublicSortBy::Price => "price",
            PublicSortBy::Rating => "rating",
        }
    }

    /// Parses the API's value; anything else is `None`.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.as_str() == value)
    }
}

/// Sort fields of the user's images (the contract allows only one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum UserSortBy {
    #[default]
    CreatedAt,
}

impl UserSortBy {
    /// The value the API expects.
    pub fn as_str(self) -> &'static str {
        "created_at"
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    Asc,
    #[default]
    Desc,
}

impl SortOrder {
    /// The value the API expects.
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }

    /// Parses the API's value; anything else is `None`.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "asc" => Some(SortOrder::Asc),
            "desc" => Some(SortOrder::Desc),
            _ => None,
        }
    }
}

/// `GET /images/public`: the catalog, filtered, sorted and paged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListPublicImages {
    pub os: Option<String>,
    pub architecture: Option<String>,
    pub min_price: Option<f64>,
    pub max_price: Option<f64>,
    pub min_rating: Option<f64>,
    pub max_rating: Option<f64>,
    pub search: Option<String>,
    pub page: Option<u32>,
    pub limit: Option<u32>,
    pub sort_by: Option<PublicSortBy>,
    pub sort_order: Option<SortOrder>,
}

impl Endpoint for ListPublicImages {
    type Data = PublicImageList;
    const METHOD: Method = Method::Get;
    const NEEDS_AUTH: bool = false;

    fn path(&self) -> String {
        "/images/public".to_string()
    }

    fn query(&self) -> QueryString {
        let mut query = QueryString::new();
        query
            .push_opt("os", self.os.as_deref())
            .push_opt("architecture", self.architecture.as_deref())
            .push_opt("min_price", self.min_price.map(format_number))
            .push_opt("max_price", self.max_price.map(format_number))
            .push_opt("min_rating", self.min_rating.map(format_number))
            .push_opt("max_rating", self.max_rating.map(format_number))
            .push_opt("search", self.search.as_deref())
            .push_opt("page", self.page)
            .push_opt("limit", self.limit)
            .push_opt("sort_by", self.sort_by.map(PublicSortBy::as_str))
            .push_opt("sort_order", self.sort_order.map(SortOrder::as_str));
        query
    }
}

/// `GET /images/public/{id}`: one image with its full metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetPublicImage {
    pub id: String,
}

impl Endpoint for GetPublicImage {
    type Data = PublicImage;
    const METHOD: Method = Method::Get;
    const NEEDS_AUTH: bool = false;

    fn path(&self) -> String {
        format!("/images/public/{}", encode_component(&self.id))
    }
}

/// `GET /images/user`: what the signed-in user imported or bought.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListUserImages {
    pub page: Option<u32>,
    pub limit: Option<u32>,
    pub sort_by: Option<UserSortBy>,
    pub sort_order: Option<SortOrder>,
}

impl Endpoint for ListUserImages {
    type Data = UserImageList;
    const METHOD: Method = Method::Get;
    const NEEDS_AUTH: bool = true;

    fn path(&self) -> String {
        "/images/user".to_string()
    }

    fn query(&self) -> QueryString {
        let mut query = QueryString::new();
        query
            .push_opt("page", self.page)
            .push_opt("limit", self.limit)
            .push_opt("sort_by", self.sort_by.map(UserSortBy::as_str))
            .push_opt("sort_order", self.sort_order.map(SortOrder::as_str));
        query
    }
}

/// `POST /images/import/{id}`: add a free image to the user's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportImage {
    pub id: String,
}

impl Endpoint for ImportImage {
    type Data = ImportResult;
    const METHOD: Method = Method::Post;
    const NEEDS_AUTH: bool = true;

    fn path(&self) -> String {
        format!("/images/import/{}", encode_component(&self.id))
    }
}

/// `POST /images/purchase/{id}`: buy a paid image from the account balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseImage {
    pub id: String,
}

impl Endpoint for PurchaseImage {
    type Data = PurchaseResult;
    const METHOD: Method = Method::Post;
    const NEEDS_AUTH: bool = true;

    fn path(&self) -> String {
        format!("/images/purchase/{}", encode_component(&self.id))
    }
}

/// `POST /images/rate/{id}` with `{"rating": n}`, 0 to 5.
#[derive(Debug, Clone, PartialEq)]
pub struct RateImage {
    pub id: String,
    pub rating: f64,
}

impl Endpoint for RateImage {
    type Data = RatingResult;
    const METHOD: Method = Method::Post;
    const NEEDS_AUTH: bool = true;

    fn path(&self) -> String {
        format!("/images/rate/{}", encode_component(&self.id))
    }

    fn json_body(&self) -> Option<String> {
        serde_json::to_string(&RatingRequestBody {
            rating: self.rating,
        })
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_list_request_sends_no_parameters() {
        assert_eq!(
            ListPublicImages::default().path_and_query(),
            "/images/public"
        );
    }

    #[test]
    fn list_request_sends_every_parameter_encoded() {
        let request = ListPublicImages {
            os: Some("ubuntu".into()),
            architecture: Some("amd64".into()),
            min_price: Some(0.0),
            max_price: Some(10.0),
            min_rating: Some(3.5),
            max_rating: Some(5.0),
            search: Some("a&b c".into()),
            page: Some(1),
            limit: Some(20),
            sort_by: Some(PublicSortBy::AddedDate),
            sort_order: Some(SortOrder::Desc),
        };
        assert_eq!(
            request.path_and_query(),
            "/images/public?os=ubuntu&architecture=amd64&min_price=0&max_price=10\
             &min_rating=3.5&max_rating=5&search=a%26b%20c&page=1&limit=20\
             &sort_by=added_date&sort_order=desc"
        );
    }

    #[test]
    fn ids_cannot_escape_their_path_segment() {
        let id = "../../admin?x=1#frag";
        assert_eq!(
            GetPublicImage { id: id.into() }.path_and_query(),
            "/images/public/..%2F..%2Fadmin%3Fx%3D1%23frag"
        );
        assert_eq!(
            PurchaseImage { id: "ü".into() }.path_and_query(),
            "/images/purchase/%C3%BC"
        );
    }

    #[test]
    fn action_paths_match_the_contract() {
        let id = "507f1f77bcf86cd799439021".to_string();
        assert_eq!(
            ImportImage { id: id.clone() }.path_and_query(),
            "/images/import/507f1f77bcf86cd799439021"
        );
        assert_eq!(
            PurchaseImage { id: id.clone() }.path_and_query(),
            "/images/purchase/507f1f77bcf86cd799439021"
        );
        let rate = RateImage { id, rating: 4.5 };
        assert_eq!(
            rate.path_and_query(),
            "/images/rate/507f1f77bcf86cd799439021"
        );
        assert_eq!(rate.json_body().as_deref(), Some(r#"{"rating":4.5}"#));
        assert!(GetPublicImage { id: "x".into() }.json_body().is_none());
    }

    #[test]
    fn user_list_request() {
        assert_eq!(ListUserImages::default().path_and_query(), "/images/user");
        let request = ListUserImages {
            page: Some(2),
            limit: Some(100),
            sort_by: Some(UserSortBy::CreatedAt),
            sort_order: Some(SortOrder::Asc),
        };
        assert_eq!(
            request.path_and_query(),
            "/images/user?page=2&limit=100&sort_by=created_at&sort_order=asc"
        );
    }

    fn needs_auth<E: Endpoint>(_: E) -> bool {
        E::NEEDS_AUTH
    }

    #[test]
    fn auth_is_needed_only_for_account_endpoints() {
        let id = || "x".to_string();
        assert!(!needs_auth(ListPublicImages::default()));
        assert!(!needs_auth(GetPublicImage { id: id() }));
        assert!(needs_auth(ListUserImages::default()));
        assert!(needs_auth(ImportImage { id: id() }));
        assert!(needs_auth(PurchaseImage { id: id() }));
        assert!(needs_auth(RateImage {
            id: id(),
            rating: 1.0
        }));
    }

    #[test]
    fn sort_values_round_trip() {
        for field in PublicSortBy::ALL {
            assert_eq!(PublicSortBy::parse(field.as_str()), Some(field));
        }
        assert_eq!(PublicSortBy::parse("evil"), None);
        assert_eq!(SortOrder::parse("asc"), Some(SortOrder::Asc));
        assert_eq!(SortOrder::parse("DESC"), None);
    }
}
