// Every schema is imported statically so bundlers (esbuild for Lambda, Vite for the SPA) inline them:
// no file system access is needed at run time. A test proves this list matches the schemas directory.
import apiToken from '../schemas/api-token.schema.json';
import principal from '../schemas/principal.schema.json';
import userAccount from '../schemas/user-account.schema.json';
import credentials from '../schemas/api/credentials.schema.json';
import createTokenRequest from '../schemas/api/create-token-request.schema.json';
import createTokenResponse from '../schemas/api/create-token-response.schema.json';
import createUserRequest from '../schemas/api/create-user-request.schema.json';
import listTokensResponse from '../schemas/api/list-tokens-response.schema.json';
import listUsersResponse from '../schemas/api/list-users-response.schema.json';
import updateUserRequest from '../schemas/api/update-user-request.schema.json';
import applyResult from '../schemas/apply-result.schema.json';
import auditEntry from '../schemas/audit-entry.schema.json';
import catalogueItem from '../schemas/catalogue-item.schema.json';
import common from '../schemas/common.schema.json';
import error from '../schemas/error.schema.json';
import inventoryItem from '../schemas/inventory-item.schema.json';
import job from '../schemas/job.schema.json';
import jobReview from '../schemas/job-review.schema.json';
import pageLayout from '../schemas/page-layout.schema.json';
import pageRegion from '../schemas/page-region.schema.json';
import parseResult from '../schemas/parse-result.schema.json';
import reverseResult from '../schemas/reverse-result.schema.json';
import skuMapping from '../schemas/sku-mapping.schema.json';
import stockMovement from '../schemas/stock-movement.schema.json';
import applyJobRequest from '../schemas/api/apply-job-request.schema.json';
import createJobRequest from '../schemas/api/create-job-request.schema.json';
import createItemRequest from '../schemas/api/create-item-request.schema.json';
import createJobResponse from '../schemas/api/create-job-response.schema.json';
import healthResponse from '../schemas/api/health-response.schema.json';
import importItemsRequest from '../schemas/api/import-items-request.schema.json';
import importItemsResponse from '../schemas/api/import-items-response.schema.json';
import listAuditQuery from '../schemas/api/list-audit-query.schema.json';
import listAuditResponse from '../schemas/api/list-audit-response.schema.json';
import listInventoryResponse from '../schemas/api/list-inventory-response.schema.json';
import listItemsQuery from '../schemas/api/list-items-query.schema.json';
import listItemsResponse from '../schemas/api/list-items-response.schema.json';
import listJobsQuery from '../schemas/api/list-jobs-query.schema.json';
import listJobsResponse from '../schemas/api/list-jobs-response.schema.json';
import listMovementsResponse from '../schemas/api/list-movements-response.schema.json';
import pageRegionQuery from '../schemas/api/page-region-query.schema.json';
import listSkuMappingsQuery from '../schemas/api/list-sku-mappings-query.schema.json';
import listSkuMappingsResponse from '../schemas/api/list-sku-mappings-response.schema.json';
import listSuppliersResponse from '../schemas/api/list-suppliers-response.schema.json';
import putSkuMappingRequest from '../schemas/api/put-sku-mapping-request.schema.json';
import reviewUpdateRequest from '../schemas/api/review-update-request.schema.json';
import reverseJobRequest from '../schemas/api/reverse-job-request.schema.json';
import supplierIdentitiesResponse from '../schemas/api/supplier-identities-response.schema.json';
import mergeSuppliersRequest from '../schemas/api/merge-suppliers-request.schema.json';
import mergeSuppliersResponse from '../schemas/api/merge-suppliers-response.schema.json';
import skuMappingPath from '../schemas/api/sku-mapping-path.schema.json';
import updateItemRequest from '../schemas/api/update-item-request.schema.json';
import operationsQuery from '../schemas/api/operations-query.schema.json';
import operationsResponse from '../schemas/api/operations-response.schema.json';

/** Schemas by their path below libs/contracts/schemas, without the `.schema.json` suffix. */
export const schemasByName = {
  'apply-result': applyResult,
  'audit-entry': auditEntry,
  'catalogue-item': catalogueItem,
  common,
  error,
  'inventory-item': inventoryItem,
  job,
  'job-review': jobReview,
  'page-layout': pageLayout,
  'page-region': pageRegion,
  'parse-result': parseResult,
  'reverse-result': reverseResult,
  'sku-mapping': skuMapping,
  'stock-movement': stockMovement,
  'api/apply-job-request': applyJobRequest,
  'api/create-job-request': createJobRequest,
  'api/create-item-request': createItemRequest,
  'api/create-job-response': createJobResponse,
  'api/health-response': healthResponse,
  'api/import-items-request': importItemsRequest,
  'api/import-items-response': importItemsResponse,
  'api/list-audit-query': listAuditQuery,
  'api/list-audit-response': listAuditResponse,
  'api/list-inventory-response': listInventoryResponse,
  'api/list-items-query': listItemsQuery,
  'api/list-items-response': listItemsResponse,
  'api/list-jobs-query': listJobsQuery,
  'api/list-jobs-response': listJobsResponse,
  'api/list-movements-response': listMovementsResponse,
  'api/list-sku-mappings-query': listSkuMappingsQuery,
  'api/page-region-query': pageRegionQuery,
  'api/list-sku-mappings-response': listSkuMappingsResponse,
  'api/list-suppliers-response': listSuppliersResponse,
  'api/put-sku-mapping-request': putSkuMappingRequest,
  'api/review-update-request': reviewUpdateRequest,
  'api/reverse-job-request': reverseJobRequest,
  'api/supplier-identities-response': supplierIdentitiesResponse,
  'api/merge-suppliers-request': mergeSuppliersRequest,
  'api/merge-suppliers-response': mergeSuppliersResponse,
  'api/sku-mapping-path': skuMappingPath,
  'api/update-item-request': updateItemRequest,
  'api/operations-query': operationsQuery,
  'api/operations-response': operationsResponse,
  'api-token': apiToken,
  principal,
  'user-account': userAccount,
  'api/credentials': credentials,
  'api/create-token-request': createTokenRequest,
  'api/create-token-response': createTokenResponse,
  'api/create-user-request': createUserRequest,
  'api/list-tokens-response': listTokensResponse,
  'api/list-users-response': listUsersResponse,
  'api/update-user-request': updateUserRequest,
} as const;

export type SchemaName = Exclude<keyof typeof schemasByName, 'common'>;
