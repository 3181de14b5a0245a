// TorchSharp 0.107 hands raw native handles to libtorch without keeping their owners alive, so a garbage collection
// started by another thread can finalize a temporary (a Scalar, a tensor wrapper) while native code still uses it
// (see DEVELOPERS.md, "TorchSharp and threads"). Test classes that allocate while another runs TorchSharp code
// would crash at random; they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
