//! The contract's endpoints, as keys for what differs between them: the
//! message of their 500, used by the handlers and by fault injection alike.

/// One of the seven endpoints of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    ListPublic,
    GetPublic,
    Icon,
    ListUser,
    Import,
    Purchase,
    Rate,
}

impl Endpoint {
    /// The contract's 500 message of this endpoint.
    pub fn failure_message(self) -> &'static str {
        match self {
            Endpoint::ListPublic => "Failed to retrieve public images",
            Endpoint::GetPublic => "Failed to retrieve public image details",
            Endpoint::Icon => "Failed to retrieve image icon",
            Endpoint::ListUser => "Failed to retrieve user images",
            Endpoint::Import => "Failed to import image",
            Endpoint::Purchase => "Failed to purchase image",
            Endpoint::Rate => "Failed to rate image",
        }
    }
}

/// The 500 message of an `/api` path outside the contract.
pub const OTHER_FAILURE: &str = "Internal server error";
