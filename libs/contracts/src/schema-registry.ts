// Every schema is imported statically so bundlers (esbuild for Lambda, Vite for the SPA) inline them:
// no file system access is needed at run time. A test proves this list matches the schemas directory.
import applyResult from '../schemas/apply-result.schema.json';
import common from '../schemas/common.schema.json';
import error from '../schemas/error.schema.json';
import inventoryItem from '../schemas/inventory-item.schema.json';
import job from '../schemas/job.schema.json';
import jobReview from '../schemas/job-review.schema.json';
import parseResult from '../schemas/parse-result.schema.json';
import reverseResult from '../schemas/reverse-result.schema.json';
import skuMapping from '../schemas/sku-mapping.schema.json';
import stockMovement from '../schemas/stock-movement.schema.json';
import applyJobRequest from '../schemas/api/apply-job-request.schema.json';
import createJobRequest from '../schemas/api/create-job-request.schema.json';
import createJobResponse from '../schemas/api/create-job-response.schema.json';
import healthResponse from '../schemas/api/health-response.schema.json';
import listInventoryResponse from '../schemas/api/list-inventory-response.schema.json';
import listJobsQuery from '../schemas/api/list-jobs-query.schema.json';
import listJobsResponse from '../schemas/api/list-jobs-response.schema.json';
import listMovementsResponse from '../schemas/api/list-movements-response.schema.json';
import listSkuMappingsQuery from '../schemas/api/list-sku-mappings-query.schema.json';
import listSkuMappingsResponse from '../schemas/api/list-sku-mappings-response.schema.json';
import reviewUpdateRequest from '../schemas/api/review-update-request.schema.json';
import reverseJobRequest from '../schemas/api/reverse-job-request.schema.json';

/** Schemas by their path below libs/contracts/schemas, without the `.schema.json` suffix. */
export const schemasByName = {
  'apply-result': applyResult,
  common,
  error,
  'inventory-item': inventoryItem,
  job,
  'job-review': jobReview,
  'parse-result': parseResult,
  'reverse-result': reverseResult,
  'sku-mapping': skuMapping,
  'stock-movement': stockMovement,
  'api/apply-job-request': applyJobRequest,
  'api/create-job-request': createJobRequest,
  'api/create-job-response': createJobResponse,
  'api/health-response': healthResponse,
  'api/list-inventory-response': listInventoryResponse,
  'api/list-jobs-query': listJobsQuery,
  'api/list-jobs-response': listJobsResponse,
  'api/list-movements-response': listMovementsResponse,
  'api/list-sku-mappings-query': listSkuMappingsQuery,
  'api/list-sku-mappings-response': listSkuMappingsResponse,
  'api/review-update-request': reviewUpdateRequest,
  'api/reverse-job-request': reverseJobRequest,
} as const;

export type SchemaName = Exclude<keyof typeof schemasByName, 'common'>;
