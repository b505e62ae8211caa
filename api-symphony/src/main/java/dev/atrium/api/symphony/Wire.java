package dev.atrium.api.symphony;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The pod API's shapes, field for field (including the spec's own spelling, {@code entitlment}). */
final class Wire {
  private Wire() {}

  // ---- requests

  record UserAttributesIn(
      @Nullable String emailAddress, @Nullable String firstName, @Nullable String lastName,
      @Nullable String userName, @Nullable String displayName, @Nullable String companyName,
      @Nullable String department, @Nullable String division, @Nullable String title,
      @Nullable String workPhoneNumber, @Nullable String mobilePhoneNumber, @Nullable String twoFactorAuthPhone,
      @Nullable String smsNumber, @Nullable String accountType, @Nullable String location,
      @Nullable String recommendedLanguage, @Nullable String jobFunction, @Nullable List<String> assetClasses,
      @Nullable List<String> industries, @Nullable List<String> marketCoverage,
      @Nullable List<String> responsibility, @Nullable List<String> function, @Nullable List<String> instrument,
      @Nullable KeyIn currentKey, @Nullable KeyIn previousKey) {}

  record KeyIn(@Nullable String key, @Nullable Long expirationDate, @Nullable String action) {}

  /** {@code password} is Symphony's Password block, or (an Atrium extension) a plain string. */
  record UserCreateIn(@Nullable UserAttributesIn userAttributes, @Nullable JsonNode password,
      @Nullable List<String> roles) {}

  record UserFilterIn(@Nullable String email, @Nullable String name, @Nullable String department,
      @Nullable String title, @Nullable String role, @Nullable String status, @Nullable String usertype,
      @Nullable String location) {}

  record UserSearchFilterIn(@Nullable String title, @Nullable String company, @Nullable String location) {}

  record UserSearchQueryIn(@Nullable String query, @Nullable UserSearchFilterIn filters) {}

  record UserStatusIn(@Nullable String status) {}

  record FeatureIn(@Nullable String entitlment, @Nullable Boolean enabled) {}

  record DelegateActionIn(@Nullable Long userId, @Nullable String action) {}

  record AvatarUpdateIn(@Nullable String image) {}

  record StringIdIn(@Nullable String id) {}

  record DisclaimerIn(@Nullable String name, @Nullable String content, @Nullable Integer frequencyInHours,
      @Nullable Boolean isDefault, @Nullable Boolean isActive, @Nullable String format) {}

  record PodAppIn(@Nullable String appId, @Nullable String appName, @Nullable Boolean enable,
      @Nullable Boolean listed, @Nullable Boolean install) {}

  record ProductIn(@Nullable String appId, @Nullable String name, @Nullable String sku,
      @Nullable Boolean subscribed, @Nullable String type) {}

  record UserAppIn(@Nullable String appId, @Nullable String appName, @Nullable Boolean listed,
      @Nullable Boolean install, @Nullable List<ProductIn> products) {}

  record AuthenticateRequest(@Nullable String token) {}

  /** CompanyCertType and CompanyCertStatus, each a one-field object {@code {type}}. */
  record CertTypeIn(@Nullable String type) {}

  record CompanyCertAttributesIn(@Nullable String name, @Nullable CertTypeIn type, @Nullable CertTypeIn status) {}

  record CompanyCertIn(@Nullable String pem, @Nullable CompanyCertAttributesIn attributes) {}

  record UserConnectionRequestIn(@Nullable Long userId) {}

  /** Presence (v1) and V2PresenceStatus: a category. */
  record PresenceIn(@Nullable String category) {}

  /** V2UserPresence: a category and whose it is. */
  record V2UserPresenceIn(@Nullable String category, @Nullable Long userId) {}

  // ---- responses

  record Token(String name, String token) {}

  record SessionInfo(long userId) {}

  record SuccessResponse(String format, String message) {
    static SuccessResponse ok(String message) {
      return new SuccessResponse("TEXT", message);
    }
  }

  record Avatar(String size, String url) {}

  record UserV1(long id, @Nullable String emailAddress) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record UserV2(long id, @Nullable String emailAddress, @Nullable String firstName, @Nullable String lastName,
      @Nullable String displayName, @Nullable String title, @Nullable String company, String username,
      @Nullable String location, String accountType, List<Avatar> avatars, @Nullable String workPhoneNumber,
      @Nullable String mobilePhoneNumber, @Nullable String jobFunction, @Nullable String department,
      @Nullable String division, List<String> roles) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record UserAttributes(@Nullable String emailAddress, @Nullable String firstName, @Nullable String lastName,
      String userName, @Nullable String displayName, @Nullable String department, @Nullable String division,
      @Nullable String title, @Nullable String workPhoneNumber, @Nullable String mobilePhoneNumber,
      @Nullable String smsNumber, String accountType, @Nullable String location, @Nullable String jobFunction,
      List<String> assetClasses, List<String> industries) {}

  record KeyOut(String key, @Nullable Long expirationDate) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record V2UserAttributes(@Nullable String emailAddress, @Nullable String firstName, @Nullable String lastName,
      String userName, @Nullable String displayName, @Nullable String companyName, @Nullable String department,
      @Nullable String division, @Nullable String title, @Nullable String workPhoneNumber,
      @Nullable String mobilePhoneNumber, @Nullable String twoFactorAuthPhone, @Nullable String smsNumber,
      String accountType, @Nullable String location, @Nullable String recommendedLanguage,
      @Nullable String jobFunction, List<String> assetClasses, List<String> industries,
      List<String> marketCoverage, List<String> responsibility, List<String> function, List<String> instrument,
      @Nullable KeyOut currentKey, @Nullable KeyOut previousKey) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UserSystemInfo(long id, String status, long createdDate, String createdBy, long lastUpdatedDate,
      @Nullable Long lastLoginDate, @Nullable Long lastPasswordReset) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UserDetail(UserAttributes userAttributes, UserSystemInfo userSystemInfo, List<Long> features,
      List<Long> apps, List<Long> groups, List<String> roles, List<Long> disclaimers, @Nullable Avatar avatar) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record V2UserDetail(V2UserAttributes userAttributes, UserSystemInfo userSystemInfo, List<Long> features,
      List<Long> apps, List<Long> groups, List<String> roles, List<Long> disclaimers, @Nullable Avatar avatar) {}

  record UserInfo(UserAttributes user, UserSystemInfo userSystemInfo) {}

  record UserSearchResults(long count, long skip, long limit, UserSearchQueryIn searchQuery, List<UserV2> users) {}

  record UserStatus(String status) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record UserError(String error, @Nullable String email, @Nullable String id) {}

  record V2UserList(List<UserV2> users, List<UserError> errors) {}

  record Feature(String entitlment, boolean enabled) {}

  record Role(String id, String name, String description) {}

  record Disclaimer(String id, String name, String content, int frequencyInHours, boolean isDefault,
      boolean isActive, long createdDate, long modifiedDate, String format) {}

  record PodAppEntitlement(String appId, String appName, boolean enable, boolean listed, boolean install) {}

  record Product(String appId, String name, String sku, boolean subscribed, String type) {}

  record UserAppEntitlement(String appId, String appName, boolean listed, boolean install,
      @JsonProperty("products") List<Product> products) {}

  record CompanyCertType(String type) {}

  record CompanyCertStatus(String type) {}

  record CompanyCertAttributes(String name, CompanyCertType type, CompanyCertStatus status) {}

  /** {@code lastSeen} is 0 for a certificate never presented, as on a real pod. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CompanyCertInfo(String fingerPrint, @Nullable String issuerFingerPrint, long lastSeen, long updatedAt,
      long updatedBy, @Nullable String commonName, long expiryDate) {}

  /** One element of CompanyCertInfoList. */
  record CompanyCertInfoItem(CompanyCertAttributes companyCertAttributes, CompanyCertInfo companyCertInfo) {}

  record NameValuePair(String name, String value) {}

  record CertInfoItem(String name, List<NameValuePair> attributes) {}

  record CompanyCertDetail(CompanyCertAttributes companyCertAttributes, CompanyCertInfo companyCertInfo,
      List<CertInfoItem> certInfo) {}

  // ---- information barriers (requests to create and switch are Atrium's own)

  record GroupCreateIn(@Nullable String name, @Nullable Boolean active) {}

  record PolicyCreateIn(@Nullable String policyType, @Nullable List<String> groups, @Nullable Boolean active) {}

  record Group(String id, String name, boolean active, int memberCount, List<String> policies, long createdDate,
      long modifiedDate) {}

  record Policy(String id, String policyType, boolean active, int memberCount, List<String> groups,
      long createdDate, long modifiedDate) {}

  record BulkActionResult(String overallResult, List<String> results) {}

  // ---- connections and presence

  /** {@code status} is PENDING_INCOMING, PENDING_OUTGOING, ACCEPTED or REJECTED, from the caller's side. */
  record UserConnection(long userId, String status, long firstRequestedAt, long updatedAt, int requestCounter) {}

  record Presence(String category) {}

  record UserPresence(long uid, String category) {}

  record V2Presence(String category, long userId, long timestamp) {}

  record StringId(String id) {}

  // ---- rooms, memberships and streams: requests

  record RoomTagIn(@Nullable String key, @Nullable String value) {}

  record RoomAttributesIn(@Nullable String name, @Nullable String description, @Nullable Boolean membersCanInvite,
      @Nullable Boolean discoverable) {}

  record ImmutableRoomAttributesIn(@JsonProperty("public") @Nullable Boolean isPublic, @Nullable Boolean readOnly,
      @Nullable Boolean copyProtected) {}

  record RoomCreateIn(@Nullable RoomAttributesIn roomAttributes,
      @Nullable ImmutableRoomAttributesIn immutableRoomAttributes) {}

  record V2RoomAttributesIn(@Nullable String name, @Nullable List<RoomTagIn> keywords, @Nullable String description,
      @Nullable Boolean membersCanInvite, @Nullable Boolean discoverable,
      @JsonProperty("public") @Nullable Boolean isPublic, @Nullable Boolean readOnly,
      @Nullable Boolean copyProtected) {}

  record V3RoomAttributesIn(@Nullable String name, @Nullable List<RoomTagIn> keywords, @Nullable String description,
      @Nullable Boolean membersCanInvite, @Nullable Boolean discoverable,
      @JsonProperty("public") @Nullable Boolean isPublic, @Nullable Boolean readOnly,
      @Nullable Boolean copyProtected, @Nullable Boolean crossPod, @Nullable Boolean viewHistory,
      @Nullable Boolean multiLateralRoom, @Nullable Boolean scheduledMeeting, @Nullable String subType,
      @Nullable String pinnedMessageId) {}

  record UserIdIn(@Nullable Long id) {}

  /** RoomSearchCriteria (V2RoomSearchCriteria adds subType); the results echo it as it came. */
  record RoomSearchCriteriaIn(@Nullable String query, @Nullable List<String> labels, @Nullable Boolean active,
      @JsonProperty("private") @Nullable Boolean isPrivate, @Nullable UserIdIn owner, @Nullable UserIdIn creator,
      @Nullable UserIdIn member, @Nullable String sortOrder, @Nullable String subType) {}

  record StreamTypeIn(@Nullable String type) {}

  record StreamFilterIn(@Nullable List<StreamTypeIn> streamTypes, @Nullable Boolean includeInactiveStreams) {}

  // ---- rooms, memberships and streams: responses

  record RoomTag(String key, String value) {}

  record RoomAttributes(String name, @Nullable String description, boolean membersCanInvite, boolean discoverable) {}

  record ImmutableRoomAttributes(@JsonProperty("public") boolean isPublic, boolean readOnly, boolean copyProtected) {}

  record RoomSystemInfo(String id, long creationDate, long createdByUserId, boolean active) {}

  record RoomDetail(RoomAttributes roomAttributes, RoomSystemInfo roomSystemInfo,
      ImmutableRoomAttributes immutableRoomAttributes) {}

  record V2RoomAttributes(String name, List<RoomTag> keywords, @Nullable String description,
      boolean membersCanInvite, boolean discoverable, @JsonProperty("public") boolean isPublic, boolean readOnly,
      boolean copyProtected) {}

  record V2RoomDetail(V2RoomAttributes roomAttributes, RoomSystemInfo roomSystemInfo) {}

  /** V3RoomAttributes without the flags Atrium does not keep (viewHistory, scheduledMeeting, subType, pin). */
  record V3RoomAttributes(String name, List<RoomTag> keywords, @Nullable String description,
      boolean membersCanInvite, boolean discoverable, @JsonProperty("public") boolean isPublic, boolean readOnly,
      boolean copyProtected, boolean crossPod, boolean multiLateralRoom) {}

  record V3RoomDetail(V3RoomAttributes roomAttributes, RoomSystemInfo roomSystemInfo) {}

  record FacetedMatchCount(String facet, long count) {}

  record RoomSearchResults(long count, int skip, int limit, RoomSearchCriteriaIn query, List<V2RoomDetail> rooms,
      List<FacetedMatchCount> facetedMatchCount) {}

  record V3RoomSearchResults(long count, int skip, int limit, RoomSearchCriteriaIn query, List<V3RoomDetail> rooms,
      List<FacetedMatchCount> facetedMatchCount) {}

  record MemberInfo(long id, boolean owner, long joinDate) {}

  record Stream(String id) {}

  record StreamType(String type) {}

  record ConversationStreamAttributes(List<Long> members) {}

  record RoomStreamAttributes(String name) {}

  record StreamAttributes(String id, boolean crossPod, boolean active, StreamType streamType,
      @Nullable ConversationStreamAttributes streamAttributes, @Nullable RoomStreamAttributes roomAttributes) {}

  record V2StreamAttributes(String id, boolean crossPod, String origin, boolean active, StreamType streamType,
      @Nullable ConversationStreamAttributes streamAttributes, @Nullable RoomStreamAttributes roomAttributes) {}

  // ---- messages (agent API v4)

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record V4User(long userId, @Nullable String firstName, @Nullable String lastName, @Nullable String displayName,
      @Nullable String email, String username) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record V4Stream(String streamId, String streamType, @Nullable String roomName, boolean external,
      boolean crossPod) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record V4Message(String messageId, long timestamp, String message, @Nullable String data, V4User user,
      V4Stream stream, boolean externalRecipients, String originalFormat, String userAgent) {}

  record MessageSuppressionResponse(String messageId, boolean suppressed, long suppressionDate) {}
}
