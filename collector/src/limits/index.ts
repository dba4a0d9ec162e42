export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter.ts';
export { createLoadShedder, type LoadShedder, type LoadShedderOptions, type Admission } from './load-shedder.ts';
export { newBucket, take, hasTokens, type Bucket, type BucketLimit, type TakeResult } from './token-bucket.ts';
