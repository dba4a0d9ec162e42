/** Context.sdk_version of every batch: "<language>/<semver>". Bump with package.json. */
export const SDK_VERSION = 'js/0.1.0';
